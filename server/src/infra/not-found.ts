import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { ErrorBody } from '@lepa/shared';

/** DESIGN's 404 for a request no route answers. */
export function notFoundBody(request: FastifyRequest): ErrorBody {
  const path = request.url.split('?')[0] ?? '/';
  return { error: { code: 'not_found', message: `No route ${request.method} ${path}` } };
}

/** The not-found answer of a process that serves no browser client (a matching worker): always DESIGN's 404. */
export default fp(
  async (app) => {
    app.setNotFoundHandler((request, reply) => reply.status(404).send(notFoundBody(request)));
  },
  { name: 'not-found', dependencies: ['error-handler'] },
);
