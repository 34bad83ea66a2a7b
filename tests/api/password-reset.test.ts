import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { passwordResets, users } from '@lepa/db';
import { call, expectError } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { PASSWORD, register } from '../support/fixtures.ts';
import { hashOf, startMailbox, type Mailbox } from '../support/smtp.ts';

const PUBLIC_URL = 'http://lepa.test';
const NEW_PASSWORD = 'a brand new passphrase';

let mailbox: Mailbox;
let test: TestApp;

beforeAll(async () => {
  mailbox = await startMailbox();
  test = await startTestApp({
    mail: { smtpUrl: mailbox.url, from: 'Lepa <lepa@lepa.test>', publicUrl: PUBLIC_URL, pollMs: 100 },
  });
});
afterAll(async () => {
  await test?.close();
  await mailbox?.stop();
});

async function requestReset(email: string) {
  const started = process.hrtime.bigint();
  const reply = await call(test.app, 'POST', '/api/auth/password-reset', { payload: { email } });
  return { reply, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function resetLink(email: string, nth = 1): Promise<string> {
  const mails = await mailbox.waitFor((m) => m.to === email && m.kind === 'password-reset', nth);
  const hash = hashOf(mails[nth - 1]!.links[0]!, PUBLIC_URL);
  expect(hash).toMatch(/^#\/reset\?token=[A-Za-z0-9_-]{43}$/);
  return new URLSearchParams(hash.slice('#/reset?'.length)).get('token')!;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('password reset', () => {
  it('answers known and unknown emails alike, and mails only the known one', async () => {
    const account = await register(test.app, 'sme', 'Forgetful owner');
    const unknown = 'nobody-here@example.test';
    const known: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const a = await requestReset(unknown);
      const b = await requestReset(account.email.toUpperCase());
      expect(a.reply.status).toBe(202);
      expect(b.reply.status).toBe(202);
      expect(a.reply.text).toBe(b.reply.text);
      missing.push(a.ms);
      known.push(b.ms);
    }
    // Both answer before any lookup happens; on this shared machine we only require the same order of magnitude.
    console.log(
      `password-reset answer times: known median ${median(known).toFixed(1)} ms, unknown ${median(missing).toFixed(1)} ms`,
    );
    expect(median(known)).toBeLessThan(Math.max(50, median(missing) * 5));

    await mailbox.waitFor((m) => m.to === account.email && m.kind === 'password-reset', 3);
    await test.app.mail.deliverDue();
    expect(mailbox.received.filter((m) => m.to === unknown)).toHaveLength(0);
  });

  it('limits reset mails to three an hour per account', async () => {
    const account = await register(test.app, 'sme', 'Impatient owner');
    for (let i = 0; i < 5; i += 1) expect((await requestReset(account.email)).reply.status).toBe(202);
    await mailbox.waitFor((m) => m.to === account.email, 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await test.app.mail.deliverDue();
    expect(mailbox.to(account.email, 'password-reset')).toHaveLength(3);
    const rows = await test.app.database.db.select().from(passwordResets).where(eq(passwordResets.userId, account.id));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.tokenHash.length === 64)).toBe(true);
  });

  it('sets the new password once, ends every session, and the new password signs in', async () => {
    const { app } = test;
    const account = await register(app, 'provider', 'Reset provider');
    const second = await call(app, 'POST', '/api/auth/login', {
      payload: { email: account.email, password: PASSWORD },
    });
    expect(second.status).toBe(200);
    await requestReset(account.email);
    const token = await resetLink(account.email);

    const stored = await app.database.db.select().from(passwordResets).where(eq(passwordResets.userId, account.id));
    expect(stored.map((r) => r.tokenHash)).not.toContain(token);

    const weak = await call(app, 'POST', '/api/auth/password-reset/confirm', { payload: { token, password: 'short' } });
    expectError(weak, 400, 'invalid_input', 'password');

    const done = await call(app, 'POST', '/api/auth/password-reset/confirm', {
      payload: { token, password: NEW_PASSWORD },
    });
    expect(done.status, done.text).toBe(204);

    expect((await call(app, 'GET', '/api/auth/me', { as: account })).status).toBe(401);
    expect(
      (await call(app, 'GET', '/api/auth/me', { headers: { authorization: `Bearer ${second.body.token}` } })).status,
    ).toBe(401);
    const oldLogin = await call(app, 'POST', '/api/auth/login', {
      payload: { email: account.email, password: PASSWORD },
    });
    expect(oldLogin.status).toBe(401);
    const newLogin = await call(app, 'POST', '/api/auth/login', {
      payload: { email: account.email, password: NEW_PASSWORD },
    });
    expect(newLogin.status).toBe(200);
    expect(
      (await call(app, 'GET', '/api/auth/me', { headers: { authorization: `Bearer ${newLogin.body.token}` } })).status,
    ).toBe(200);

    const again = await call(app, 'POST', '/api/auth/password-reset/confirm', {
      payload: { token, password: 'yet another passphrase' },
    });
    expectError(again, 400, 'invalid_input', 'token');
    const forged = await call(app, 'POST', '/api/auth/password-reset/confirm', {
      payload: { token: 'x'.repeat(43), password: 'yet another passphrase' },
    });
    expectError(forged, 400, 'invalid_input', 'token');
  });

  it('refuses a token after its hour', async () => {
    const { app } = test;
    const account = await register(app, 'sme', 'Slow reader');
    await requestReset(account.email);
    const token = await resetLink(account.email);
    // The hour passes: the row's expiry is moved into the past, as the clock would.
    await app.database.db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.userId, account.id));
    const late = await call(app, 'POST', '/api/auth/password-reset/confirm', {
      payload: { token, password: NEW_PASSWORD },
    });
    expectError(late, 400, 'invalid_input', 'token');
    const [user] = await app.database.db.select().from(users).where(eq(users.id, account.id));
    expect(
      (await call(app, 'POST', '/api/auth/login', { payload: { email: user!.email, password: PASSWORD } })).status,
    ).toBe(200);
  });

  it('names the field of a malformed request', async () => {
    expectError(
      await call(test.app, 'POST', '/api/auth/password-reset', { payload: { email: 'not-an-email' } }),
      400,
      'invalid_input',
      'email',
    );
    expectError(
      await call(test.app, 'POST', '/api/auth/password-reset/confirm', { payload: { password: NEW_PASSWORD } }),
      400,
      'invalid_input',
      'token',
    );
  });
});
