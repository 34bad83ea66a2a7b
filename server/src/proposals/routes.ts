import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, ProposalsAnswer, ProposalsQuery } from '@lepa/shared';
import { described } from '../common/openapi.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody };

/** GET /api/lots/:id/proposals: any signed-in user may see a lot's live proposals. */
const proposalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/:id/proposals',
    {
      schema: {
        operationId: 'getProposals',
        summary: 'The ranked proposals for a lot',
        tags: ['proposals'],
        params: IdParams,
        querystring: ProposalsQuery,
        response: {
          200: described('The cheapest consortia for the lot, or why it cannot be covered', ProposalsAnswer),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { answer, fromCache } = await app.matching.answer(request.params.id, request.query.limit);
      // Tells operators and tests whether this request waited for a solve ("miss") or got a stored answer ("hit").
      reply.header('x-lepa-cache', fromCache ? 'hit' : 'miss');
      return answer;
    },
  );
};

export default proposalRoutes;
