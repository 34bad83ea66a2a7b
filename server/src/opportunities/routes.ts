import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, OpportunityPage } from '@lepa/shared';
import { requireRole } from '../auth/plugin.ts';
import { createLotStore } from '../lots/store.ts';
import { createSmeStore } from '../smes/store.ts';
import { createOpportunityService } from './service.ts';

const described = <T extends object>(schema: T, description: string) => ({ ...schema, description });

const opportunityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const opportunities = createOpportunityService({
    db,
    smeStore: createSmeStore(db),
    lotStore: createLotStore(db),
    proposals: app.matching,
    today: () => new Date().toISOString().slice(0, 10),
  });
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/:id/opportunities',
    {
      schema: {
        operationId: 'listSmeOpportunities',
        summary: 'Lots near a firm, and what it would take to join them',
        description:
          'Every open lot the firm could reach or nearly reach: proposed (with its best rank), eligible, or a near miss, each with hints — one change to the profile and its effect by the published scoring model. Owner only.',
        tags: ['smes'],
        params: IdParams,
        response: {
          200: OpportunityPage,
          400: described(ErrorBody, 'The id is not a UUID'),
          401: described(ErrorBody, 'Not signed in'),
          403: described(ErrorBody, 'Not an SME account, or not the account that registered this firm'),
          404: described(ErrorBody, 'No such firm'),
        },
      },
    },
    async (request) => opportunities.forFirm(requireRole(request, 'sme'), request.params.id),
  );
};

export default opportunityRoutes;
