import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,db,server,client,tests}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'tests/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
