import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, Lot, LotInput, LotPage, LotQuery } from '@lepa/shared';
import { currentUser, requireRole } from '../auth/plugin.ts';
import { strictJsonTypes } from '../common/json-types.ts';
import { createLotService } from './service.ts';
import { createLotStore } from './store.ts';
import { described } from '../common/openapi.ts';
import { createLotAnnouncer, readOwnersInReach } from '../opportunities/lot-announcer.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const lotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const lots = createLotService({
    db: app.database.db,
    store: createLotStore(app.database.db),
    publish: app.publishChange,
    announce: createLotAnnouncer({
      db: app.database.db,
      notify: app.notifyUser,
      onError: (error) => app.log.error({ err: error }, 'telling firms near a lot about it failed'),
    }),
    // Best effort, like the announcement it is for, so in a savepoint: a failed read must not fail the edit.
    ownersInReach: (tx, lotIds) =>
      tx
        .transaction((savepoint) => readOwnersInReach(savepoint, lotIds))
        .catch((error: unknown) => {
          app.log.error({ err: error }, 'reading the firms a lot reached before its edit failed');
          return [];
        }),
  });
  app.addHook('onRequest', app.authenticate);

  app.post(
    '', // the prefix alone: '/' would also register a trailing-slash twin
    {
      preValidation: strictJsonTypes(LotInput),
      schema: {
        operationId: 'createLot',
        summary: 'Post a lot (provider)',
        tags: ['lots'],
        body: LotInput,
        response: { 201: described('The new lot, open', Lot), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await lots.create(requireRole(request, 'provider'), request.body)),
  );

  app.get(
    '', // the prefix alone: '/' would also register a trailing-slash twin
    {
      schema: {
        operationId: 'listLots',
        summary: 'List lots',
        tags: ['lots'],
        querystring: LotQuery,
        response: { 200: described('A page of lots', LotPage), ...errors },
      },
    },
    async (request) => lots.list(currentUser(request), request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getLot',
        summary: 'A lot',
        tags: ['lots'],
        params: IdParams,
        response: { 200: described('The lot', Lot), ...errors },
      },
    },
    async (request) => lots.get(request.params.id),
  );

  app.put(
    '/:id',
    {
      preValidation: strictJsonTypes(LotInput),
      schema: {
        operationId: 'updateLot',
        summary: 'Change a lot (owner)',
        tags: ['lots'],
        params: IdParams,
        body: LotInput,
        response: { 200: described('The changed lot', Lot), ...errors },
      },
    },
    async (request) => lots.update(requireRole(request, 'provider'), request.params.id, request.body),
  );

  app.post(
    '/:id/close',
    {
      schema: {
        operationId: 'closeLot',
        summary: 'Close a lot (owner)',
        tags: ['lots'],
        params: IdParams,
        response: { 200: described('The closed lot', Lot), ...errors },
      },
    },
    async (request) => lots.close(requireRole(request, 'provider'), request.params.id),
  );
};

export default lotRoutes;
