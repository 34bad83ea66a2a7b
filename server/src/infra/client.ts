import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { ErrorBody } from '@lepa/shared';

export interface ClientPluginOptions {
  /** The Vite build output; when it is missing (development, API-only runs) only the API is served. */
  root: string;
}

/**
 * Serves the browser client and owns the not-found answer: unknown non-API
 * GETs get index.html for client-side routing, everything else DESIGN's 404.
 */
export default fp<ClientPluginOptions>(
  async (app, options) => {
    const hasClient = existsSync(options.root);
    if (hasClient) await app.register(fastifyStatic, { root: options.root, wildcard: false });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (hasClient && request.method === 'GET' && !path.startsWith('/api') && !path.startsWith('/ws')) {
        return reply.sendFile('index.html');
      }
      const body: ErrorBody = { error: { code: 'not_found', message: `No route ${request.method} ${path}` } };
      return reply.status(404).send(body);
    });
  },
  { name: 'client', dependencies: ['error-handler'] },
);
