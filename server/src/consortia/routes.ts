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
  ReplacementParams,
  Replacements,
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
import { described } from '../common/openapi.ts';

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
  const forming = createFormingService({ db, store, lotStore, proposals: app.matching, after, mail: app.mail });
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
    {
      schema: {
        operationId: 'createConsortium',
        summary: 'Form a consortium from a proposal or a member set (lead)',
        tags,
        params: IdParams,
        body: CreateConsortiumBody,
        response: { 201: described('The new consortium, forming', Consortium), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await forming.create(requireRole(request, 'sme'), request.params.id, request.body)),
  );

  app.get(
    '/consortia',
    {
      schema: {
        operationId: 'listConsortia',
        summary: 'Consortia the account leads or is a member of',
        tags,
        querystring: ConsortiumQuery,
        response: { 200: described('A page of consortia', ConsortiumPage), ...errors },
      },
    },
    async (request) => forming.list(currentUser(request), request.query),
  );

  app.get(
    '/consortia/:id',
    {
      schema: {
        operationId: 'getConsortium',
        summary: 'A consortium',
        tags,
        params: IdParams,
        response: { 200: described('The consortium', Consortium), ...errors },
      },
    },
    async (request) => forming.get(currentUser(request), request.params.id),
  );

  app.put(
    '/consortia/:id/members',
    {
      schema: {
        operationId: 'replaceConsortiumMembers',
        summary: 'Change the members of a forming consortium (lead)',
        tags,
        params: IdParams,
        body: MembersBody,
        response: { 200: described('The consortium with its new members and split', ConsortiumChange), ...errors },
      },
    },
    async (request) => forming.replaceMembers(currentUser(request), request.params.id, request.body.members),
  );

  app.get(
    '/consortia/:id/members/:smeId/replacements',
    {
      schema: {
        operationId: 'listMemberReplacements',
        summary: 'Firms that could take a member’s place (lead, while forming)',
        description:
          'Only firms the matching engine would accept in the member’s place: eligible for its work (skills, certificates valid through the lot’s window, within reach, units free in the window) and giving a consortium the lead can keep. Each with the cost after the swap, its quoted prices, free units and certificates. At most 20, cheapest first.',
        tags,
        params: ReplacementParams,
        response: { 200: described('The firms, cheapest swap first', Replacements), ...errors },
      },
    },
    async (request) => ({
      items: await forming.replacements(currentUser(request), request.params.id, request.params.smeId),
    }),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/consortia/:id/invitations/${answer}`,
      {
        // The body is optional (an account with one invited firm sends none); validation then sees `{}`.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          operationId: `${answer}Invitation`,
          summary: `${answer === 'accept' ? 'Accept' : 'Decline'} an invitation to a consortium (invited firm's owner)`,
          tags,
          params: IdParams,
          body: InvitationAnswerBody,
          response: { 200: described(`The consortium with the answer recorded`, Consortium), ...errors },
        },
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
    {
      schema: {
        operationId: 'submitConsortium',
        summary: 'Submit the bid (lead; every member accepted)',
        tags,
        params: IdParams,
        response: { 200: described('The submitted consortium', Consortium), ...errors },
      },
    },
    async (request) => bidding.submit(currentUser(request), request.params.id),
  );

  app.post(
    '/consortia/:id/withdraw',
    {
      schema: {
        operationId: 'withdrawConsortium',
        summary: 'Withdraw a consortium (lead)',
        tags,
        params: IdParams,
        response: { 200: described('The withdrawn consortium', Consortium), ...errors },
      },
    },
    async (request) => bidding.withdraw(currentUser(request), request.params.id),
  );

  app.get(
    '/consortia/:id/social-value',
    {
      schema: {
        operationId: 'getSocialValueStatement',
        summary: 'The social value statement of a consortium',
        tags,
        params: IdParams,
        response: { 200: described('The statement', SocialValueStatement), ...errors },
      },
    },
    async (request) => socialValueStatement(await forming.visible(currentUser(request), request.params.id), new Date()),
  );

  app.get(
    '/consortia/:id/social-value.html',
    {
      schema: {
        operationId: 'getSocialValuePage',
        summary: 'The social value statement as a printable page',
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
    {
      schema: {
        operationId: 'listInvitations',
        summary: 'Invitations to the firms of this account',
        tags,
        querystring: InvitationQuery,
        response: { 200: described('A page of invitations', InvitationPage), ...errors },
      },
    },
    async (request) => forming.invitations(currentUser(request), request.query),
  );

  app.get(
    '/lots/:id/bids',
    {
      schema: {
        operationId: 'listBids',
        summary: 'Bids on a lot (lot owner)',
        tags,
        params: IdParams,
        querystring: BidQuery,
        response: { 200: described('A page of bids', BidPage), ...errors },
      },
    },
    async (request) => bidding.bids(currentUser(request), request.params.id, request.query),
  );

  app.post(
    '/lots/:id/award',
    {
      schema: {
        operationId: 'awardLot',
        summary: 'Award a lot to a bid (lot owner)',
        tags,
        params: IdParams,
        body: AwardBody,
        response: { 200: described('The awarded consortium', Consortium), ...errors },
      },
    },
    async (request) => bidding.award(currentUser(request), request.params.id, request.body.consortiumId),
  );
};

export default consortiumRoutes;
