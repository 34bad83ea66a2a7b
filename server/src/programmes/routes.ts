import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  Allocation,
  AllocationQuery,
  DryRun,
  ErrorBody,
  IdParams,
  LotInput,
  LotRecommendation,
  Programme,
  ProgrammeInput,
  ProgrammePage,
  ProgrammeQuery,
} from '@lepa/shared';
import { currentUser, requireRole } from '../auth/plugin.ts';
import { strictJsonTypes } from '../common/json-types.ts';
import { createLotStore } from '../lots/store.ts';
import { createProgrammePool } from './programme-pool.ts';
import { createProgrammeService } from './service.ts';
import { createProgrammeStore } from './store.ts';

const error = (description: string) => ({ ...ErrorBody, description });
const errors = {
  400: error('Invalid input; the offending field is named.'),
  401: error('Not signed in.'),
  403: error('Not the provider who owns this programme or every one of its lots.'),
  404: error('No such programme or lot.'),
  409: error('A lot is not open.'),
};
const tags = ['programmes'];

/** Programmes (a provider's group of lots allocated together), their allocation, and the market depth of a draft lot. */
const programmeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const threads = createProgrammePool();
  app.addHook('onClose', () => threads.close());
  const programmes = createProgrammeService({
    db,
    store: createProgrammeStore(db),
    lotStore: createLotStore(db),
    threads,
  });
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/programmes',
    {
      preValidation: strictJsonTypes(ProgrammeInput),
      schema: {
        operationId: 'createProgramme',
        summary: 'Group open lots into a programme',
        tags,
        body: ProgrammeInput,
        response: { 201: { ...Programme, description: 'The programme.' }, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await programmes.create(requireRole(request, 'provider'), request.body)),
  );

  app.get(
    '/programmes',
    {
      schema: {
        operationId: 'listProgrammes',
        summary: "The caller's programmes",
        tags,
        querystring: ProgrammeQuery,
        response: { 200: { ...ProgrammePage, description: 'A page of programmes.' }, ...errors },
      },
    },
    async (request) => programmes.list(requireRole(request, 'provider'), request.query),
  );

  app.get(
    '/programmes/:id',
    {
      schema: {
        operationId: 'getProgramme',
        summary: 'One programme',
        tags,
        params: IdParams,
        response: { 200: { ...Programme, description: 'The programme.' }, ...errors },
      },
    },
    async (request) => programmes.get(currentUser(request), request.params.id),
  );

  app.put(
    '/programmes/:id',
    {
      preValidation: strictJsonTypes(ProgrammeInput),
      schema: {
        operationId: 'updateProgramme',
        summary: 'Rename a programme or change its lots',
        tags,
        params: IdParams,
        body: ProgrammeInput,
        response: { 200: { ...Programme, description: 'The programme.' }, ...errors },
      },
    },
    async (request) => programmes.update(currentUser(request), request.params.id, request.body),
  );

  app.delete(
    '/programmes/:id',
    {
      schema: {
        operationId: 'deleteProgramme',
        summary: 'Delete a programme (its lots stay)',
        tags,
        params: IdParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errors },
      },
    },
    async (request, reply) => {
      await programmes.remove(currentUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/programmes/:id/allocation',
    {
      schema: {
        operationId: 'allocateProgramme',
        summary: "Spread the programme's work: at most one consortium per lot, no firm over capacity",
        tags,
        params: IdParams,
        querystring: AllocationQuery,
        response: {
          200: { ...Allocation, description: 'The allocation beside the cheapest-first baseline.' },
          ...errors,
        },
      },
    },
    async (request) => programmes.allocation(currentUser(request), request.params.id, request.query),
  );

  app.get(
    '/lots/:id/recommendation',
    {
      schema: {
        operationId: 'getLotRecommendation',
        summary: "The consortium recommended for this lot by its programme's allocation",
        tags,
        params: IdParams,
        response: { 200: { ...LotRecommendation, description: 'The recommended consortium.' }, ...errors },
      },
    },
    async (request) => {
      currentUser(request);
      return programmes.recommendation(request.params.id);
    },
  );

  app.post(
    '/lots/dry-run',
    {
      preValidation: strictJsonTypes(LotInput),
      schema: {
        operationId: 'dryRunLot',
        summary: 'Market depth for a draft lot; nothing is stored',
        tags,
        body: LotInput,
        response: {
          200: { ...DryRun, description: 'How many local consortia could cover the draft, and what would widen it.' },
          ...errors,
        },
      },
    },
    async (request) => {
      requireRole(request, 'provider');
      return programmes.dryRun(request.body);
    },
  );
};

export default programmeRoutes;
