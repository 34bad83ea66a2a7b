import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, Lot, LotInput, LotPage, LotQuery } from '@lepa/shared';
import { currentUser, requireRole } from '../auth/plugin.ts';
import { strictJsonTypes } from '../common/json-types.ts';
import { createLotService } from './service.ts';
import { createLotStore } from './store.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const lotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const lots = createLotService({
    db: app.database.db,
    store: createLotStore(app.database.db),
    publish: app.publishChange,
  });
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/',
    {
      preValidation: strictJsonTypes(LotInput),
      schema: { tags: ['lots'], body: LotInput, response: { 201: Lot, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await lots.create(requireRole(request, 'provider'), request.body)),
  );

  app.get(
    '/',
    { schema: { tags: ['lots'], querystring: LotQuery, response: { 200: LotPage, ...errors } } },
    async (request) => lots.list(currentUser(request), request.query),
  );

  app.get(
    '/:id',
    { schema: { tags: ['lots'], params: IdParams, response: { 200: Lot, ...errors } } },
    async (request) => lots.get(request.params.id),
  );

  app.put(
    '/:id',
    {
      preValidation: strictJsonTypes(LotInput),
      schema: { tags: ['lots'], params: IdParams, body: LotInput, response: { 200: Lot, ...errors } },
    },
    async (request) => lots.update(requireRole(request, 'provider'), request.params.id, request.body),
  );

  app.post(
    '/:id/close',
    { schema: { tags: ['lots'], params: IdParams, response: { 200: Lot, ...errors } } },
    async (request) => lots.close(requireRole(request, 'provider'), request.params.id),
  );
};

export default lotRoutes;
