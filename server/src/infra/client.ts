import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';

export interface ClientPluginOptions {
  /** The Vite build output; when it is missing (development, API-only tests) nothing is served. */
  root: string;
}

/** Serves the browser client and answers unknown non-API paths with index.html for client-side routing. */
export default fp<ClientPluginOptions>(
  async (app, options) => {
    if (!existsSync(options.root)) return;
    await app.register(fastifyStatic, { root: options.root, wildcard: false });
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api') && !request.url.startsWith('/ws')) {
        return reply.sendFile('index.html');
      }
      return reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
    });
  },
  { name: 'client', dependencies: ['error-handler'] },
);
