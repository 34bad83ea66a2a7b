import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, PASSWORD, register, smeInput, type Account } from '../support/fixtures.ts';
import { call, isErrorBody, type Method } from '../support/http.ts';

type Actor = 'anonymous' | 'smeOwner' | 'otherSme' | 'providerOwner' | 'otherProvider';
const ACTORS: Actor[] = ['anonymous', 'smeOwner', 'otherSme', 'providerOwner', 'otherProvider'];

interface World {
  app: TestApp['app'];
  accounts: Record<Exclude<Actor, 'anonymous'>, Account>;
  firmId: string;
  lotId: string;
}

interface Route {
  method: Method;
  /** The URL, with a fresh target when the route consumes one (delete, close). */
  url: (world: World) => string | Promise<string>;
  payload?: (world: World) => unknown;
  /** Routes that end the caller's session or account act as a fresh account of the actor's role. */
  consumesAccount?: boolean;
  expected: Record<Actor, number>;
}

const everyone = (status: number, anonymous = status): Record<Actor, number> => ({
  anonymous,
  smeOwner: status,
  otherSme: status,
  providerOwner: status,
  otherProvider: status,
});
const only = (allowed: Actor[], status: number): Record<Actor, number> =>
  Object.fromEntries(ACTORS.map((a) => [a, a === 'anonymous' ? 401 : allowed.includes(a) ? status : 403])) as Record<
    Actor,
    number
  >;

async function freshFirm(world: World) {
  const created = await world.app.inject({
    method: 'POST',
    url: '/api/smes',
    headers: world.accounts.smeOwner.auth,
    payload: smeInput(),
  });
  return created.json().id as string;
}
async function freshLot(world: World) {
  const created = await world.app.inject({
    method: 'POST',
    url: '/api/lots',
    headers: world.accounts.providerOwner.auth,
    payload: lotInput(),
  });
  return created.json().id as string;
}
async function freshProgramme(world: World) {
  const created = await world.app.inject({
    method: 'POST',
    url: '/api/programmes',
    headers: world.accounts.providerOwner.auth,
    payload: { name: 'Matrix programme', lotIds: [world.lotId] },
  });
  return created.json().id as string;
}
const freshEmail = () => `matrix-${Math.random().toString(36).slice(2)}@example.test`;

const ROUTES: Record<string, Route> = {
  'GET /api/health': { method: 'GET', url: () => '/api/health', expected: everyone(200) },
  'POST /api/auth/register': {
    method: 'POST',
    url: () => '/api/auth/register',
    payload: () => ({ email: freshEmail(), password: PASSWORD, name: 'Matrix', role: 'sme' }),
    expected: everyone(201),
  },
  'POST /api/auth/login': {
    method: 'POST',
    url: () => '/api/auth/login',
    payload: (w) => ({ email: w.accounts.otherSme.email, password: PASSWORD }),
    expected: everyone(200),
  },
  'GET /api/auth/me': { method: 'GET', url: () => '/api/auth/me', expected: everyone(200, 401) },
  'POST /api/auth/logout': {
    method: 'POST',
    url: () => '/api/auth/logout',
    consumesAccount: true,
    expected: everyone(200, 401),
  },
  'POST /api/auth/logout-all': {
    method: 'POST',
    url: () => '/api/auth/logout-all',
    consumesAccount: true,
    expected: everyone(200, 401),
  },
  'DELETE /api/auth/me': {
    method: 'DELETE',
    url: () => '/api/auth/me',
    consumesAccount: true,
    expected: everyone(200, 401),
  },
  'POST /api/smes': {
    method: 'POST',
    url: () => '/api/smes',
    payload: () => smeInput(),
    expected: only(['smeOwner', 'otherSme'], 201),
  },
  'GET /api/smes': { method: 'GET', url: () => '/api/smes?limit=5', expected: everyone(200, 401) },
  'GET /api/smes/:id': { method: 'GET', url: (w) => `/api/smes/${w.firmId}`, expected: everyone(200, 401) },
  'PUT /api/smes/:id': {
    method: 'PUT',
    url: (w) => `/api/smes/${w.firmId}`,
    payload: () => smeInput({ name: 'Matrix edit' }),
    expected: only(['smeOwner'], 200),
  },
  'GET /api/lots/:id/proposals': {
    method: 'GET',
    url: (w) => `/api/lots/${w.lotId}/proposals`,
    expected: everyone(200, 401),
  },
  'GET /api/auth/me/notifications': {
    method: 'GET',
    url: () => '/api/auth/me/notifications',
    expected: everyone(200, 401),
  },
  'PUT /api/auth/me/notifications': {
    method: 'PUT',
    url: () => '/api/auth/me/notifications',
    payload: () => ({}),
    expected: everyone(200, 401),
  },
  'GET /api/smes/:id/opportunities': {
    method: 'GET',
    url: (w) => `/api/smes/${w.firmId}/opportunities`,
    expected: only(['smeOwner'], 200),
  },
  'GET /api/geo/postcodes/:postcode': {
    method: 'GET',
    url: () => '/api/geo/postcodes/B23%206TN',
    expected: everyone(200, 401),
  },
  'DELETE /api/smes/:id': {
    method: 'DELETE',
    url: (w) => freshFirm(w).then((id) => `/api/smes/${id}`),
    expected: only(['smeOwner'], 200),
  },
  'POST /api/lots': {
    method: 'POST',
    url: () => '/api/lots',
    payload: () => lotInput(),
    expected: only(['providerOwner', 'otherProvider'], 201),
  },
  'GET /api/lots': { method: 'GET', url: () => '/api/lots?limit=5', expected: everyone(200, 401) },
  'GET /api/lots/:id': { method: 'GET', url: (w) => `/api/lots/${w.lotId}`, expected: everyone(200, 401) },
  'PUT /api/lots/:id': {
    method: 'PUT',
    url: (w) => `/api/lots/${w.lotId}`,
    payload: () => lotInput({ title: 'Matrix edit' }),
    expected: only(['providerOwner'], 200),
  },
  'POST /api/lots/:id/close': {
    method: 'POST',
    url: (w) => freshLot(w).then((id) => `/api/lots/${id}/close`),
    expected: only(['providerOwner'], 200),
  },
  'POST /api/programmes': {
    method: 'POST',
    url: () => '/api/programmes',
    payload: (w) => ({ name: 'Matrix programme', lotIds: [w.lotId] }),
    expected: only(['providerOwner'], 201),
  },
  'GET /api/programmes': {
    method: 'GET',
    url: () => '/api/programmes',
    expected: only(['providerOwner', 'otherProvider'], 200),
  },
  'GET /api/programmes/:id': {
    method: 'GET',
    url: (w) => freshProgramme(w).then((id) => `/api/programmes/${id}`),
    expected: only(['providerOwner'], 200),
  },
  'PUT /api/programmes/:id': {
    method: 'PUT',
    url: (w) => freshProgramme(w).then((id) => `/api/programmes/${id}`),
    payload: (w) => ({ name: 'Renamed', lotIds: [w.lotId] }),
    expected: only(['providerOwner'], 200),
  },
  'DELETE /api/programmes/:id': {
    method: 'DELETE',
    url: (w) => freshProgramme(w).then((id) => `/api/programmes/${id}`),
    expected: only(['providerOwner'], 204),
  },
  'GET /api/programmes/:id/allocation': {
    method: 'GET',
    url: (w) => freshProgramme(w).then((id) => `/api/programmes/${id}/allocation?policy=reach&costTolerancePct=2`),
    expected: only(['providerOwner'], 200),
  },
  'GET /api/lots/:id/recommendation': {
    method: 'GET',
    url: (w) => freshProgramme(w).then(() => `/api/lots/${w.lotId}/recommendation`),
    expected: everyone(200, 401),
  },
  'POST /api/lots/dry-run': {
    method: 'POST',
    url: () => '/api/lots/dry-run',
    payload: () => lotInput(),
    expected: only(['providerOwner', 'otherProvider'], 200),
  },
};

/**
 * Routes whose callers are checked elsewhere, with the test that does it: the consortium routes need a
 * consortium and its members in every state, the token routes a signed token rather than a session.
 */
const CHECKED_ELSEWHERE: Record<string, string> = {
  'POST /api/lots/:id/consortia': 'consortia-authorisation.test.ts',
  'GET /api/consortia': 'consortia-authorisation.test.ts',
  'GET /api/consortia/:id': 'consortia-authorisation.test.ts',
  'PUT /api/consortia/:id/members': 'consortia-authorisation.test.ts',
  'GET /api/consortia/:id/members/:smeId/replacements': 'replacements.test.ts',
  'POST /api/consortia/:id/invitations/accept': 'consortia-authorisation.test.ts',
  'POST /api/consortia/:id/invitations/decline': 'consortia-authorisation.test.ts',
  'POST /api/consortia/:id/submit': 'consortia-authorisation.test.ts',
  'POST /api/consortia/:id/withdraw': 'consortia-authorisation.test.ts',
  'GET /api/consortia/:id/social-value': 'consortia-authorisation.test.ts',
  'GET /api/consortia/:id/social-value.html': 'consortia-authorisation.test.ts',
  'GET /api/invitations': 'consortia-authorisation.test.ts',
  'GET /api/lots/:id/bids': 'consortia-authorisation.test.ts',
  'POST /api/lots/:id/award': 'consortia-authorisation.test.ts',
  'GET /api/lots/:id/award': 'consortia.test.ts',
  'GET /api/lots/:id/ocds': 'consortia-authorisation.test.ts',
  'POST /api/lots/import/ocds': 'consortia-authorisation.test.ts',
  'POST /api/smes/import': 'consortia-authorisation.test.ts',
  'POST /api/auth/password-reset': 'password-reset.test.ts',
  'POST /api/auth/password-reset/confirm': 'password-reset.test.ts',
  'GET /api/mail/unsubscribe': 'mail.test.ts',
  'POST /api/mail/unsubscribe': 'mail.test.ts',
  'GET /api/demo/sign-ins': 'demo-sign-ins.test.ts',
};

const ERROR_CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden' };

describe('authorisation matrix: every route × every kind of caller', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    const [smeOwner, otherSme, providerOwner, otherProvider] = await Promise.all([
      register(t.app, 'sme', 'Owner SME'),
      register(t.app, 'sme', 'Other SME'),
      register(t.app, 'provider', 'Owner provider'),
      register(t.app, 'provider', 'Other provider'),
    ]);
    world = { app: t.app, accounts: { smeOwner, otherSme, providerOwner, otherProvider }, firmId: '', lotId: '' };
    world.firmId = await freshFirm(world);
    world.lotId = await freshLot(world);
  });
  afterAll(() => t.close());

  const cells = Object.entries(ROUTES).flatMap(([name, route]) => ACTORS.map((actor) => ({ name, route, actor })));

  it.each(cells)('$name as $actor', async ({ route, actor }) => {
    let as: Account | undefined;
    if (actor !== 'anonymous') {
      as = route.consumesAccount ? await register(t.app, world.accounts[actor].role) : world.accounts[actor];
    }
    const url = await route.url(world);
    const reply = await call(t.app, route.method, url, { as, payload: route.payload?.(world) });
    const expected = route.expected[actor];
    expect(reply.status, `${route.method} ${url} as ${actor}: ${reply.text}`).toBe(expected);
    if (expected >= 400) {
      expect(isErrorBody(reply.body), reply.text).toBe(true);
      expect(reply.body.error.code).toBe(ERROR_CODES[expected]);
    }
    if (route.consumesAccount && as && expected === 200) {
      expect((await call(t.app, 'GET', '/api/auth/me', { as })).status).toBe(401);
    }
  });

  it('covers every route the API documents, here or in a named test', () => {
    const documented = Object.entries((t.app.swagger() as { paths: Record<string, object> }).paths).flatMap(
      ([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const unchecked = documented.filter((route) => !(route in ROUTES) && !(route in CHECKED_ELSEWHERE));
    expect(unchecked).toEqual([]);
  });

  it('leaves the shared firm and lot with their owners', async () => {
    const firm = await call(t.app, 'GET', `/api/smes/${world.firmId}`, { as: world.accounts.otherProvider });
    expect(firm.body.ownerId).toBe(world.accounts.smeOwner.id);
    const lot = await call(t.app, 'GET', `/api/lots/${world.lotId}`, { as: world.accounts.otherSme });
    expect(lot.body).toMatchObject({ ownerId: world.accounts.providerOwner.id, status: 'open' });
  });
});
