import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The API server of `pnpm dev`; the dev server forwards API and websocket traffic to it. */
const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  // Workspace packages (@lepa/shared) are bundled from their TypeScript sources, not their dist builds.
  resolve: { conditions: ['lepa-source', ...defaultClientConditions] },
  server: {
    proxy: {
      '/api': apiServer,
      '/ws': { target: apiServer, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
