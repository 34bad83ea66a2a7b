import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import { notFoundBody } from './not-found.ts';

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
      return reply.status(404).send(notFoundBody(request));
    });
  },
  { name: 'client', dependencies: ['error-handler'] },
);
