import fp from 'fastify-plugin';
import { createLotStore } from '../lots/store.ts';
import { createProposalService, type ProposalService } from './service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    proposals: ProposalService;
  }
}

export default fp(
  async (app) => {
    app.decorate('proposals', createProposalService({ db: app.database.db, lotStore: createLotStore(app.database.db) }));
  },
  { name: 'proposals', dependencies: ['database'] },
);
