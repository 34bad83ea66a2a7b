import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRMS_CSV_HEADER, firmRow } from '../fixtures/firms-csv.ts';
import { buildMarket, formConsortium, type Market } from '../fixtures/consortia.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call, expectError } from '../support/http.ts';

/**
 * Issue 13, item 10: 200,000 nested `[` to the OCDS import was a 500 (stack overflow in the JSON
 * position helper); a NUL byte in a CSV name was a 500 (PostgreSQL 22P05); consortium routes
 * coerced body types, so {"consortiumId": ["<uuid>"]} was accepted and awarded. Now the position
 * helper keeps its own stack, CSV cells are checked for text PostgreSQL cannot store, and every
 * JSON body is checked without coercion before its route sees it.
 */
describe('inputs that reached a 500', () => {
  let t: TestApp;
  let m: Market;

  beforeAll(async () => {
    t = await startTestApp();
    m = await buildMarket(t.app);
  });
  afterAll(async () => t?.close());

  it('200,000 nested "[" to the OCDS import: a 400 naming where the JSON breaks', async () => {
    for (const body of ['['.repeat(200_000), `${'['.repeat(200_000)}${']'.repeat(200_000)}`]) {
      const reply = await t.app.inject({
        method: 'POST',
        url: '/api/lots/import/ocds',
        headers: { ...m.provider.auth, 'content-type': 'application/json' },
        payload: body,
      });
      expect(reply.statusCode, reply.body.slice(0, 300)).toBe(400);
      expect(reply.json().error.code).toBe('invalid_input');
    }
  });

  it('a NUL byte in a CSV name: a 400 naming the line and column, nothing imported', async () => {
    const row = firmRow(0).replace('Register Firm 0', 'Nul\u0000Firm');
    const reply = await call(t.app, 'POST', '/api/smes/import', {
      as: m.lead,
      headers: { 'content-type': 'text/csv' },
      payload: `${FIRMS_CSV_HEADER}\n${row}\n`,
    });
    expectError(reply, 400, 'invalid_input');
    expect(reply.body.error.details).toEqual([expect.objectContaining({ line: 2, field: 'name' })]);
  });

  it('{"consortiumId": ["<uuid>"]} is refused, not coerced, and nothing is awarded', async () => {
    const id = await formConsortium(t.app, m, { accepted: true });
    expect((await call(t.app, 'POST', `/api/consortia/${id}/submit`, { as: m.lead })).status).toBe(200);
    for (const consortiumId of [[id], { id }, null, 1]) {
      expectError(
        await call(t.app, 'POST', `/api/lots/${m.lotId}/award`, { as: m.provider, payload: { consortiumId } }),
        400,
        'invalid_input',
        'consortiumId',
      );
    }
    const consortium = await call(t.app, 'GET', `/api/consortia/${id}`, { as: m.lead });
    expect(consortium.body.status).toBe('submitted');
    const awarded = await call(t.app, 'POST', `/api/lots/${m.lotId}/award`, {
      as: m.provider,
      payload: { consortiumId: id },
    });
    expect(awarded.status, awarded.text).toBe(200);
  });

  it('NUL text in any JSON body is a 400 naming the field', async () => {
    const reply = await call(t.app, 'POST', '/api/smes', {
      as: m.lead,
      payload: { name: 'a\u0000b' },
    });
    expectError(reply, 400, 'invalid_input', 'name');
  });

  it('every answer carries X-Request-Id', async () => {
    const reply = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
