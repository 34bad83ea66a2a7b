/**
 * Every route of consortia, bids, OCDS and CSV import × every kind of caller.
 * Each case sets up its own state, so one caller's success never decides
 * what the next one sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call, isErrorBody, type Method } from '../support/http.ts';
import type { Account } from '../support/fixtures.ts';
import { buildMarket, createLot, formConsortium, type Market } from '../fixtures/consortia.ts';
import { firmsCsv } from '../fixtures/firms-csv.ts';

const CALLERS = ['anonymous', 'lead', 'member', 'otherSme', 'provider', 'otherProvider'] as const;
type Caller = (typeof CALLERS)[number];

interface Request {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

interface RouteCase {
  route: string;
  setup: () => Promise<Request>;
  expect: Record<Caller, number>;
}

const only = (allowed: Partial<Record<Caller, number>>, otherwise = 403): Record<Caller, number> => ({
  anonymous: 401,
  lead: otherwise,
  member: otherwise,
  otherSme: otherwise,
  provider: otherwise,
  otherProvider: otherwise,
  ...allowed,
});

describe('authorisation of consortium, bid, OCDS and CSV routes', () => {
  let t: TestApp;
  let m: Market;
  let windows = 0;
  beforeAll(async () => {
    t = await startTestApp();
    m = await buildMarket(t.app);
  });
  afterAll(() => t.close());

  /** A small lot in a 10-day window of its own, so bookings of one case never block another. */
  async function freshLot(): Promise<string> {
    const day = (offset: number) => new Date(Date.UTC(2027, 0, 1 + offset)).toISOString().slice(0, 10);
    const first = 10 * windows++;
    return createLot(t.app, m.provider, {
      startDate: day(first),
      endDate: day(first + 10),
      requirements: [
        { skill: 'retrofit-coordinator', quantity: 5 },
        { skill: 'loft-insulation', quantity: 5 },
      ],
    });
  }

  async function submittedBid(): Promise<{ lotId: string; id: string }> {
    const lotId = await freshLot();
    const id = await formConsortium(t.app, m, { lotId, accepted: true });
    expect((await call(t.app, 'POST', `/api/consortia/${id}/submit`, { as: m.lead })).status).toBe(200);
    return { lotId, id };
  }

  const consortium = async (options: { accepted?: boolean } = {}) =>
    formConsortium(t.app, m, { lotId: await freshLot(), ...options });

  const cases: RouteCase[] = [
    {
      route: 'POST /api/lots/:id/consortia',
      setup: async () => ({
        method: 'POST',
        url: `/api/lots/${await freshLot()}/consortia`,
        payload: { members: [m.leadFirm, m.memberFirm] },
      }),
      expect: only({ lead: 201 }),
    },
    {
      route: 'GET /api/consortia/:id',
      setup: async () => ({ method: 'GET', url: `/api/consortia/${await consortium()}` }),
      expect: only({ lead: 200, member: 200, provider: 200 }),
    },
    {
      route: 'GET /api/consortia?role=lead',
      setup: async () => ({ method: 'GET', url: '/api/consortia?role=lead' }),
      expect: only({ lead: 200, member: 200, otherSme: 200, provider: 200, otherProvider: 200 }),
    },
    {
      route: 'PUT /api/consortia/:id/members',
      setup: async () => ({
        method: 'PUT',
        url: `/api/consortia/${await consortium()}/members`,
        payload: { members: [m.memberFirm] },
      }),
      expect: only({ lead: 200 }),
    },
    ...(['accept', 'decline'] as const).map((answer) => ({
      route: `POST /api/consortia/:id/invitations/${answer}`,
      setup: async (): Promise<Request> => ({
        method: 'POST',
        url: `/api/consortia/${await consortium()}/invitations/${answer}`,
      }),
      expect: only({ member: 200 }),
    })),
    {
      route: 'POST /api/consortia/:id/submit',
      setup: async () => ({ method: 'POST', url: `/api/consortia/${await consortium({ accepted: true })}/submit` }),
      expect: only({ lead: 200 }),
    },
    {
      route: 'POST /api/consortia/:id/withdraw',
      setup: async () => ({ method: 'POST', url: `/api/consortia/${(await submittedBid()).id}/withdraw` }),
      expect: only({ lead: 200 }),
    },
    {
      route: 'GET /api/consortia/:id/social-value',
      setup: async () => ({ method: 'GET', url: `/api/consortia/${await consortium()}/social-value` }),
      expect: only({ lead: 200, member: 200, provider: 200 }),
    },
    {
      route: 'GET /api/consortia/:id/social-value.html',
      setup: async () => ({ method: 'GET', url: `/api/consortia/${await consortium()}/social-value.html` }),
      expect: only({ lead: 200, member: 200, provider: 200 }),
    },
    {
      route: 'GET /api/invitations',
      setup: async () => ({ method: 'GET', url: '/api/invitations' }),
      expect: only({ lead: 200, member: 200, otherSme: 200, provider: 200, otherProvider: 200 }),
    },
    {
      route: 'GET /api/lots/:id/bids',
      setup: async () => ({ method: 'GET', url: `/api/lots/${(await submittedBid()).lotId}/bids` }),
      expect: only({ provider: 200 }),
    },
    {
      route: 'POST /api/lots/:id/award',
      setup: async () => {
        const bid = await submittedBid();
        return { method: 'POST', url: `/api/lots/${bid.lotId}/award`, payload: { consortiumId: bid.id } };
      },
      expect: only({ provider: 200 }),
    },
    {
      route: 'GET /api/lots/:id/ocds',
      setup: async () => ({ method: 'GET', url: `/api/lots/${m.lotId}/ocds` }),
      expect: only({ lead: 200, member: 200, otherSme: 200, provider: 200, otherProvider: 200 }),
    },
    {
      route: 'POST /api/lots/import/ocds',
      setup: async () => ({
        method: 'POST',
        url: '/api/lots/import/ocds',
        payload: (await call(t.app, 'GET', `/api/lots/${m.lotId}/ocds`, { as: m.provider })).body,
      }),
      expect: only({ provider: 201, otherProvider: 201 }),
    },
    {
      route: 'POST /api/smes/import',
      setup: async () => ({
        method: 'POST',
        url: '/api/smes/import',
        payload: firmsCsv(1),
        headers: { 'content-type': 'text/csv' },
      }),
      expect: only({ lead: 201, member: 201, otherSme: 201 }),
    },
  ];

  for (const routeCase of cases) {
    it(routeCase.route, async () => {
      const accounts: Record<Caller, Account | undefined> = {
        anonymous: undefined,
        lead: m.lead,
        member: m.member,
        otherSme: m.otherSme,
        provider: m.provider,
        otherProvider: m.otherProvider,
      };
      const seen: Record<string, number> = {};
      for (const caller of CALLERS) {
        const request = await routeCase.setup();
        const reply = await call(t.app, request.method, request.url, {
          as: accounts[caller],
          payload: request.payload,
          ...(request.headers ? { headers: request.headers } : {}),
        });
        seen[caller] = reply.status;
        if (reply.status >= 400) expect(isErrorBody(reply.body), `${caller}: ${reply.text}`).toBe(true);
      }
      expect(seen).toEqual(routeCase.expect);
    });
  }
});
