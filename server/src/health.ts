import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const Health = Type.Object({
  status: Type.Enum(['ok', 'degraded']),
  database: Type.Object({ kind: Type.Enum(['pglite', 'postgres']), reachable: Type.Boolean() }),
});

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], security: [], response: { 200: Health, 503: Health } } },
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
