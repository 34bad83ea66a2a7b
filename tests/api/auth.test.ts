import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@lepa/db';
import { Session, User, Ok } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { PASSWORD, register, smeInput, lotInput } from '../support/fixtures.ts';
import { call, expectError } from '../support/http.ts';
import { assertShape } from '../support/shape.ts';

function uniqueEmail(tag: string) {
  return `${tag}-${Math.random().toString(36).slice(2, 10)}@example.test`;
}

describe('auth API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /api/health answers ok with the database kind, without a token', async () => {
    const health = await call(t.app, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: 'ok',
      database: { kind: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', reachable: true },
    });
  });

  it('registers, logs in and answers me with the User shape', async () => {
    const email = uniqueEmail('reg');
    const registered = await call(t.app, 'POST', '/api/auth/register', {
      payload: { email, password: PASSWORD, name: '  Aston Builders  ', role: 'sme' },
    });
    expect(registered.status, registered.text).toBe(201);
    assertShape(Session, registered.body);
    expect(registered.body.user).toMatchObject({ email, name: 'Aston Builders', role: 'sme' });

    const login = await call(t.app, 'POST', '/api/auth/login', { payload: { email, password: PASSWORD } });
    expect(login.status, login.text).toBe(200);
    assertShape(Session, login.body);
    expect(login.body.user).toEqual(registered.body.user);
    expect(login.body.token).not.toBe(registered.body.token);

    for (const token of [registered.body.token, login.body.token]) {
      const me = await call(t.app, 'GET', '/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      assertShape(User, me.body);
      expect(me.body).toEqual(registered.body.user);
    }
  });

  it('logs in with the email in another case and with surrounding spaces', async () => {
    const email = uniqueEmail('case');
    await call(t.app, 'POST', '/api/auth/register', {
      payload: { email, password: PASSWORD, name: 'Case', role: 'provider' },
    });
    const login = await call(t.app, 'POST', '/api/auth/login', {
      payload: { email: `  ${email.toUpperCase()} `, password: PASSWORD },
    });
    expect(login.status, login.text).toBe(200);
    expect(login.body.user.email).toBe(email);
  });

  it('refuses a wrong password and an unknown email alike with 401', async () => {
    const account = await register(t.app, 'sme');
    const wrong = await call(t.app, 'POST', '/api/auth/login', {
      payload: { email: account.email, password: 'not the password' },
    });
    expectError(wrong, 401, 'unauthorized');
    const unknown = await call(t.app, 'POST', '/api/auth/login', {
      payload: { email: uniqueEmail('nobody'), password: PASSWORD },
    });
    expectError(unknown, 401, 'unauthorized');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('answers 409 for a duplicate email, also in another case or with spaces', async () => {
    const email = uniqueEmail('dup');
    const first = await call(t.app, 'POST', '/api/auth/register', {
      payload: { email, password: PASSWORD, name: 'One', role: 'sme' },
    });
    expect(first.status).toBe(201);
    for (const variant of [email, email.toUpperCase(), `  ${email} `, ` ${email.replace('dup', 'DUP')}`]) {
      const again = await call(t.app, 'POST', '/api/auth/register', {
        payload: { email: variant, password: PASSWORD, name: 'Two', role: 'provider' },
      });
      expectError(again, 409, 'conflict');
    }
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['email', { email: 'a'.repeat(250) + '@example.test' }],
    ['password', { password: 'short' }],
    ['password', { password: 'x'.repeat(201) }],
    ['name', { name: '' }],
    ['name', { name: 'n'.repeat(121) }],
    ['role', { role: 'admin' }],
    ['role', { role: undefined }],
    ['email', { email: undefined }],
    ['nickname', { nickname: 'extra' }],
  ])('register names %s when it is invalid (%j)', async (field, change) => {
    const payload: Record<string, unknown> = {
      email: uniqueEmail('bad'),
      password: PASSWORD,
      name: 'Bad',
      role: 'sme',
      ...change,
    };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete payload[key];
    expectError(await call(t.app, 'POST', '/api/auth/register', { payload }), 400, 'invalid_input', field);
  });

  it.each([
    ['email', { email: 'nope' }],
    ['password', { password: '' }],
    ['password', { password: undefined }],
    ['role', { role: 'sme' }],
  ])('login names %s when it is invalid (%j)', async (field, change) => {
    const payload: Record<string, unknown> = { email: uniqueEmail('x'), password: PASSWORD, ...change };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete payload[key];
    expectError(await call(t.app, 'POST', '/api/auth/login', { payload }), 400, 'invalid_input', field);
  });

  it('answers malformed JSON and a wrong content type with a 4xx in the error shape', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expectError(
      { status: broken.statusCode, body: broken.json(), headers: {}, text: broken.body, cookies: [] },
      400,
      'invalid_input',
    );
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    // What a cross-site form can send: refused outright (CSRF), not parsed.
    expectError(
      { status: text.statusCode, body: text.json(), headers: {}, text: text.body, cookies: [] },
      415,
      'invalid_input',
    );
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expectError(
      { status: xml.statusCode, body: xml.json(), headers: {}, text: xml.body, cookies: [] },
      415,
      'invalid_input',
    );
  });

  it('answers 401 without a token, with a malformed header, and with an unknown token', async () => {
    expectError(await call(t.app, 'GET', '/api/auth/me'), 401, 'unauthorized');
    expectError(
      await call(t.app, 'GET', '/api/auth/me', { headers: { authorization: 'Basic abc' } }),
      401,
      'unauthorized',
    );
    expectError(
      await call(t.app, 'GET', '/api/auth/me', { headers: { authorization: 'Bearer' } }),
      401,
      'unauthorized',
    );
    expectError(
      await call(t.app, 'GET', '/api/auth/me', { headers: { authorization: 'Bearer not-a-real-token' } }),
      401,
      'unauthorized',
    );
    for (const [method, url] of [
      ['POST', '/api/auth/logout'],
      ['POST', '/api/auth/logout-all'],
      ['DELETE', '/api/auth/me'],
    ] as const) {
      expectError(await call(t.app, method, url), 401, 'unauthorized');
    }
  });

  it('logout revokes that session at once and leaves the others', async () => {
    const account = await register(t.app, 'sme');
    const second = await call(t.app, 'POST', '/api/auth/login', {
      payload: { email: account.email, password: PASSWORD },
    });
    const other = { authorization: `Bearer ${second.body.token}` };
    const out = await call(t.app, 'POST', '/api/auth/logout', { as: account });
    expect(out.status).toBe(200);
    assertShape(Ok, out.body);
    expect(out.cookies.find((c) => c.name === 'lepa_session')?.value).toBe('');
    expectError(await call(t.app, 'GET', '/api/auth/me', { as: account }), 401, 'unauthorized');
    expectError(await call(t.app, 'POST', '/api/smes', { as: account, payload: smeInput() }), 401, 'unauthorized');
    expect((await call(t.app, 'GET', '/api/auth/me', { headers: other })).status).toBe(200);
  });

  it('logout-all revokes every session of the account at once, and only that account', async () => {
    const account = await register(t.app, 'provider');
    const bystander = await register(t.app, 'provider');
    const sessions = [account.auth];
    for (let i = 0; i < 2; i++) {
      const login = await call(t.app, 'POST', '/api/auth/login', {
        payload: { email: account.email, password: PASSWORD },
      });
      sessions.push({ authorization: `Bearer ${login.body.token}` });
    }
    const out = await call(t.app, 'POST', '/api/auth/logout-all', { headers: sessions[1]! });
    expect(out.status).toBe(200);
    assertShape(Ok, out.body);
    for (const headers of sessions) {
      expectError(await call(t.app, 'GET', '/api/auth/me', { headers }), 401, 'unauthorized');
      expectError(await call(t.app, 'POST', '/api/lots', { headers, payload: lotInput() }), 401, 'unauthorized');
    }
    expect((await call(t.app, 'GET', '/api/auth/me', { as: bystander })).status).toBe(200);
    // Signing in again still works.
    const back = await call(t.app, 'POST', '/api/auth/login', {
      payload: { email: account.email, password: PASSWORD },
    });
    expect(back.status).toBe(200);
  });

  it('deleting the account revokes its tokens at once and removes its firms', async () => {
    const account = await register(t.app, 'sme');
    const viewer = await register(t.app, 'provider');
    const firm = await call(t.app, 'POST', '/api/smes', { as: account, payload: smeInput() });
    expect(firm.status).toBe(201);
    const deleted = await call(t.app, 'DELETE', '/api/auth/me', { as: account });
    expect(deleted.status).toBe(200);
    assertShape(Ok, deleted.body);
    expectError(await call(t.app, 'GET', '/api/auth/me', { as: account }), 401, 'unauthorized');
    expectError(await call(t.app, 'GET', `/api/smes/${firm.body.id}`, { as: viewer }), 404, 'not_found');
    expectError(
      await call(t.app, 'POST', '/api/auth/login', { payload: { email: account.email, password: PASSWORD } }),
      401,
      'unauthorized',
    );
    // The email is free again.
    const again = await call(t.app, 'POST', '/api/auth/register', {
      payload: { email: account.email, password: PASSWORD, name: 'Again', role: 'sme' },
    });
    expect(again.status).toBe(201);
  });

  it('stores passwords only as salted scrypt hashes', async () => {
    const a = await register(t.app, 'sme');
    const b = await register(t.app, 'sme');
    const rows = await t.app.database.db.select().from(users).where(eq(users.email, a.email));
    const [rowB] = await t.app.database.db.select().from(users).where(eq(users.email, b.email));
    const row = rows[0]!;
    for (const stored of [row.passwordHash, rowB!.passwordHash]) {
      expect(stored).not.toContain(PASSWORD);
      expect(stored).not.toContain(Buffer.from(PASSWORD).toString('base64'));
      expect(stored).not.toContain(Buffer.from(PASSWORD).toString('hex'));
      const parts = stored.split('$');
      expect(parts).toHaveLength(6);
      expect(parts[0]).toBe('scrypt');
      expect(Number(parts[1])).toBeGreaterThanOrEqual(2 ** 14);
      expect(Buffer.from(parts[4]!, 'base64').length).toBeGreaterThanOrEqual(16);
      expect(Buffer.from(parts[5]!, 'base64').length).toBeGreaterThanOrEqual(32);
    }
    // Same password, different salts, different hashes.
    expect(row.passwordHash.split('$')[4]).not.toBe(rowB!.passwordHash.split('$')[4]);
    expect(row.passwordHash.split('$')[5]).not.toBe(rowB!.passwordHash.split('$')[5]);
    // Nothing in the row holds the password in any other column either.
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it('keeps a session in an HttpOnly SameSite cookie that works without the header', async () => {
    const email = uniqueEmail('cookie');
    const registered = await call(t.app, 'POST', '/api/auth/register', {
      payload: { email, password: PASSWORD, name: 'Cookie', role: 'sme' },
    });
    for (const reply of [
      registered,
      await call(t.app, 'POST', '/api/auth/login', { payload: { email, password: PASSWORD } }),
    ]) {
      const cookie = reply.cookies.find((c) => c.name === 'lepa_session');
      expect(cookie, JSON.stringify(reply.cookies)).toBeDefined();
      expect(cookie!.value).toBe(reply.body.token);
      expect(cookie!.httpOnly).toBe(true);
      expect(['Lax', 'Strict']).toContain(cookie!.sameSite);
      expect(cookie!.path).toBe('/');
      const setCookie = String(reply.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=(Lax|Strict)/i);

      const me = await call(t.app, 'GET', '/api/auth/me', { headers: { cookie: `lepa_session=${cookie!.value}` } });
      expect(me.status, me.text).toBe(200);
      expect(me.body.email).toBe(email);
    }
    // A cookie that was logged out is refused.
    const login = await call(t.app, 'POST', '/api/auth/login', { payload: { email, password: PASSWORD } });
    const cookieHeader = { cookie: `lepa_session=${login.body.token}` };
    expect((await call(t.app, 'POST', '/api/auth/logout', { headers: cookieHeader })).status).toBe(200);
    expectError(await call(t.app, 'GET', '/api/auth/me', { headers: cookieHeader }), 401, 'unauthorized');
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ authAttemptsPerMinute: 3 });
  });
  afterAll(() => t.close());

  it('answers 429 in the error shape after the allowed attempts, per account', async () => {
    const email = uniqueEmail('limited');
    const registered = await call(t.app, 'POST', '/api/auth/register', {
      payload: { email, password: PASSWORD, name: 'Limited', role: 'sme' },
    });
    expect(registered.status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await call(t.app, 'POST', '/api/auth/login', { payload: { email, password: 'wrong password!' } })).status,
      );
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await call(t.app, 'POST', '/api/auth/login', { payload: { email, password: PASSWORD } });
    expectError(limited, 429, 'rate_limited');
    // Even the right password is refused while limited.
    expect(limited.body.token).toBeUndefined();
    // Another account from the same address is not locked out by it.
    const other = uniqueEmail('bystander');
    expect(
      (
        await call(t.app, 'POST', '/api/auth/register', {
          payload: { email: other, password: PASSWORD, name: 'Other', role: 'sme' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(t.app, 'POST', '/api/auth/login', { payload: { email: other, password: PASSWORD } })).status,
    ).toBe(200);
    // The same account in another case or with spaces shares the limit.
    expectError(
      await call(t.app, 'POST', '/api/auth/login', {
        payload: { email: ` ${email.toUpperCase()}`, password: PASSWORD },
      }),
      429,
      'rate_limited',
    );
  });
});
