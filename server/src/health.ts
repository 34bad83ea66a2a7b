import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { described } from './common/openapi.ts';

const Health = Type.Object({
  status: Type.Enum(['ok', 'degraded']),
  database: Type.Object({ kind: Type.Enum(['pglite', 'postgres']), reachable: Type.Boolean() }),
});

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Health of the server and its database',
        tags: ['health'],
        security: [],
        response: {
          200: described('The server and its database are up', Health),
          503: described('The database cannot be reached', Health),
        },
      },
    },
    async (_request, reply) => {
      const reachable = await app.database.ping().then(
        () => true,
        () => false,
      );
      return reply
        .status(reachable ? 200 : 503)
        .send({ status: reachable ? 'ok' : 'degraded', database: { kind: app.database.kind, reachable } });
    },
  );
};

export default healthRoutes;
