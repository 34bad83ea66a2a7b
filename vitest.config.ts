import { defineConfig } from 'vitest/config';

/** Workspace packages export their TypeScript sources under this condition and built JavaScript otherwise. */
const SOURCE_CONDITION = 'lepa-source';
// Vite's defaults (defaultClientConditions / defaultServerConditions), which a `conditions` list replaces.
const clientConditions = [SOURCE_CONDITION, 'module', 'browser', 'development|production'];
const serverConditions = [SOURCE_CONDITION, 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions: clientConditions },
  ssr: { resolve: { conditions: serverConditions, externalConditions: [SOURCE_CONDITION] } },
  test: {
    include: ['{shared,db,server,client,tests}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'tests/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
