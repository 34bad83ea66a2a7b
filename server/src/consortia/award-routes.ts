import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import { consortia } from '@lepa/db';
import { ErrorBody, IdParams, LotAward } from '@lepa/shared';
import { notFound } from '../common/errors.ts';
import type { StoredSplit } from './split.ts';

/** `GET /api/lots/:id/award`: who won, so the board can say so after the proposals stop. Registered under /api/lots. */
const awardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.get(
    '/:id/award',
    {
      schema: {
        operationId: 'getLotAward',
        summary: 'The consortium a lot was awarded to',
        tags: ['consortia'],
        params: IdParams,
        response: {
          200: { ...LotAward, description: 'The winning consortium and the day of the decision.' },
          401: { ...ErrorBody, description: 'Not signed in.' },
          404: { ...ErrorBody, description: 'No such lot, or it has not been awarded.' },
        },
      },
    },
    async (request) => {
      const [row] = await app.database.db
        .select({
          id: consortia.id,
          leadSmeId: consortia.leadSmeId,
          cost: consortia.cost,
          proposal: consortia.proposal,
          updatedAt: consortia.updatedAt,
        })
        .from(consortia)
        .where(and(eq(consortia.lotId, request.params.id), eq(consortia.status, 'awarded')));
      if (!row) throw notFound('Award of this lot');
      const members = (row.proposal as StoredSplit).proposal.members;
      const lead = members.find((m) => m.smeId === row.leadSmeId)?.name ?? '';
      return {
        lotId: request.params.id,
        consortiumId: row.id,
        lead,
        members: [lead, ...members.filter((m) => m.smeId !== row.leadSmeId).map((m) => m.name)],
        cost: row.cost,
        decidedAt: row.updatedAt.toISOString(),
      };
    },
  );
};

export default awardRoutes;
