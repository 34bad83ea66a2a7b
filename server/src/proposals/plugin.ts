import fp from 'fastify-plugin';
import { createLotStore } from '../lots/store.ts';
import { createMarketCache } from './market.ts';
import { createProposalService, type ProposalService } from './service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    proposals: ProposalService;
  }
}

export default fp(
  async (app) => {
    const db = app.database.db;
    app.decorate(
      'proposals',
      createProposalService({ db, lotStore: createLotStore(db), market: createMarketCache({ db }) }),
    );
  },
  { name: 'proposals', dependencies: ['database'] },
);
