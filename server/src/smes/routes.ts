import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, Ok, Sme, SmeInput, SmePage, SmeQuery } from '@lepa/shared';
import { currentUser, requireRole } from '../auth/plugin.ts';
import { strictJsonTypes } from '../common/json-types.ts';
import { createSmeService } from './service.ts';
import { createPageCache } from '../common/page-cache.ts';
import { createSmeStore } from './store.ts';
import { described } from '../common/openapi.ts';
import { bumpLots } from '../changes/affected-lots.ts';
import { coalescing } from '../common/coalescing.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const smeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const listPages = createPageCache<{ items: Sme[]; nextCursor: string | null }>(2_000);
  // Any firm written anywhere (other instances, CSV imports) may move between pages.
  app.onBroadcast((broadcast) => {
    if ((broadcast.kind === 'lots' && broadcast.change === 'sme') || broadcast.kind === 'resync') listPages.clear();
  });
  // Writes committed meanwhile bump their skipped lots in one statement.
  const bumpAgain = coalescing<readonly string[]>((lotIdLists) => bumpLots(app.database.db, lotIdLists.flat()));
  const smes = createSmeService({
    db: app.database.db,
    store: createSmeStore(app.database.db),
    publish: app.publishChange,
    bumpLots: (lotIds) => (lotIds.length > 0 ? bumpAgain(lotIds) : Promise.resolve()),
    listPages,
  });
  app.addHook('onRequest', app.authenticate);

  app.post(
    '', // the prefix alone: '/' would also register a trailing-slash twin
    {
      preValidation: strictJsonTypes(SmeInput),
      schema: {
        operationId: 'createSme',
        summary: 'Register a firm (SME account)',
        tags: ['smes'],
        body: SmeInput,
        response: { 201: described('The new firm', Sme), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await smes.create(requireRole(request, 'sme'), request.body)),
  );

  app.get(
    '', // the prefix alone: '/' would also register a trailing-slash twin
    {
      schema: {
        operationId: 'listSmes',
        summary: 'Find firms by skill and place',
        tags: ['smes'],
        querystring: SmeQuery,
        response: { 200: described('A page of firms', SmePage), ...errors },
      },
    },
    async (request) => smes.list(currentUser(request), request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getSme',
        summary: 'A firm',
        tags: ['smes'],
        params: IdParams,
        response: { 200: described('The firm', Sme), ...errors },
      },
    },
    async (request) => smes.get(request.params.id),
  );

  app.put(
    '/:id',
    {
      preValidation: strictJsonTypes(SmeInput),
      schema: {
        operationId: 'updateSme',
        summary: 'Change a firm (owner)',
        tags: ['smes'],
        params: IdParams,
        body: SmeInput,
        response: { 200: described('The changed firm', Sme), ...errors },
      },
    },
    async (request) => smes.update(requireRole(request, 'sme'), request.params.id, request.body),
  );

  app.delete(
    '/:id',
    {
      schema: {
        operationId: 'deleteSme',
        summary: 'Delete a firm (owner)',
        tags: ['smes'],
        params: IdParams,
        response: { 200: described('The firm is deleted', Ok), ...errors },
      },
    },
    async (request) => {
      await smes.remove(requireRole(request, 'sme'), request.params.id);
      return { ok: true as const };
    },
  );
};

export default smeRoutes;
