import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AwardBody,
  BidPage,
  BidQuery,
  Consortium,
  ConsortiumChange,
  ConsortiumPage,
  ConsortiumQuery,
  CreateConsortiumBody,
  ErrorBody,
  IdParams,
  InvitationAnswerBody,
  InvitationPage,
  InvitationQuery,
  MembersBody,
  SocialValueStatement,
} from '@lepa/shared';
import { Type } from 'typebox';
import { currentUser, requireRole } from '../auth/plugin.ts';
import { createLotStore } from '../lots/store.ts';
import { createSmeStore } from '../smes/store.ts';
import { createBiddingService } from './bidding.ts';
import { createFormingService } from './forming.ts';
import { createAfterCommit } from './notifier.ts';
import { socialValueStatement } from './social-value.ts';
import { statementPage } from './statement-page.ts';
import { createConsortiumStore } from './store.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['consortia'];

/** Consortia, invitations and bids (DESIGN "Consortia"); registered under /api. */
const consortiumRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const store = createConsortiumStore(db);
  const lotStore = createLotStore(db);
  const after = createAfterCommit({
    notify: app.notifyUser,
    publish: app.publishChange,
    onError: (error) => app.log.error({ err: error }, 'a notification after commit failed'),
  });
  const forming = createFormingService({ db, store, lotStore, proposals: app.proposals, after, mail: app.mail });
  const bidding = createBiddingService({
    db,
    store,
    lotStore,
    smeStore: createSmeStore(db),
    forming,
    after,
    mail: app.mail,
  });
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/lots/:id/consortia',
    { schema: { tags, params: IdParams, body: CreateConsortiumBody, response: { 201: Consortium, ...errors } } },
    async (request, reply) =>
      reply.status(201).send(await forming.create(requireRole(request, 'sme'), request.params.id, request.body)),
  );

  app.get(
    '/consortia',
    { schema: { tags, querystring: ConsortiumQuery, response: { 200: ConsortiumPage, ...errors } } },
    async (request) => forming.list(currentUser(request), request.query),
  );

  app.get(
    '/consortia/:id',
    { schema: { tags, params: IdParams, response: { 200: Consortium, ...errors } } },
    async (request) => forming.get(currentUser(request), request.params.id),
  );

  app.put(
    '/consortia/:id/members',
    { schema: { tags, params: IdParams, body: MembersBody, response: { 200: ConsortiumChange, ...errors } } },
    async (request) => forming.replaceMembers(currentUser(request), request.params.id, request.body.members),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/consortia/:id/invitations/${answer}`,
      {
        // The body is optional (an account with one invited firm sends none); validation then sees `{}`.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: { tags, params: IdParams, body: InvitationAnswerBody, response: { 200: Consortium, ...errors } },
      },
      async (request) =>
        forming.answer(
          currentUser(request),
          request.params.id,
          answer === 'accept' ? 'accepted' : 'declined',
          request.body,
        ),
    );
  }

  app.post(
    '/consortia/:id/submit',
    { schema: { tags, params: IdParams, response: { 200: Consortium, ...errors } } },
    async (request) => bidding.submit(currentUser(request), request.params.id),
  );

  app.post(
    '/consortia/:id/withdraw',
    { schema: { tags, params: IdParams, response: { 200: Consortium, ...errors } } },
    async (request) => bidding.withdraw(currentUser(request), request.params.id),
  );

  app.get(
    '/consortia/:id/social-value',
    { schema: { tags, params: IdParams, response: { 200: SocialValueStatement, ...errors } } },
    async (request) => socialValueStatement(await forming.visible(currentUser(request), request.params.id), new Date()),
  );

  app.get(
    '/consortia/:id/social-value.html',
    {
      schema: {
        tags,
        params: IdParams,
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'A printable HTML page.' }), ...errors },
      },
    },
    async (request, reply) => {
      const record = await forming.visible(currentUser(request), request.params.id);
      return reply.type('text/html; charset=utf-8').send(statementPage(socialValueStatement(record, new Date())));
    },
  );

  app.get(
    '/invitations',
    { schema: { tags, querystring: InvitationQuery, response: { 200: InvitationPage, ...errors } } },
    async (request) => forming.invitations(currentUser(request), request.query),
  );

  app.get(
    '/lots/:id/bids',
    { schema: { tags, params: IdParams, querystring: BidQuery, response: { 200: BidPage, ...errors } } },
    async (request) => bidding.bids(currentUser(request), request.params.id, request.query),
  );

  app.post(
    '/lots/:id/award',
    { schema: { tags, params: IdParams, body: AwardBody, response: { 200: Consortium, ...errors } } },
    async (request) => bidding.award(currentUser(request), request.params.id, request.body.consortiumId),
  );
};

export default consortiumRoutes;
