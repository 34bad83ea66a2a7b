import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lot, ProposalsAnswer, Sme } from '@lepa/shared';
import { generateDemoData } from '../../server/src/demo/generate.ts';
import { loadDemoDataIfEmpty } from '../../server/src/demo/load.ts';
import { bruteForceTopK, offersFor } from '@lepa/engine/testing';
import type { EngineFirm, EngineInput } from '@lepa/engine';
import { toEngineLot } from '../../server/src/matching/engine-input.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';
import { matchingSettled } from '../support/matching.ts';

/** Candidate sets the exhaustive enumerator can still walk in a few seconds. */
const MAX_BRUTE_FORCE_CANDIDATES = 22;

function toEngineFirm(sme: Sme): EngineFirm {
  return {
    id: sme.id,
    name: sme.name,
    location: sme.location,
    serviceRadiusKm: sme.serviceRadiusKm,
    employees: sme.employees,
    ownership: sme.ownership,
    capabilities: sme.capabilities,
    certifications: sme.certifications.map((c) => ({ scheme: c.scheme, expires: c.expires })),
    socialValue: sme.socialValue,
  };
}

describe('GET /api/lots/:id/proposals', () => {
  let t: TestApp;
  let provider: Account;

  beforeAll(async () => {
    t = await startTestApp();
    // The demo loader only fills an empty database, so it runs before any account exists.
    await loadDemoDataIfEmpty(t.app.database.db, generateDemoData({ seed: 11, smeCount: 45, lotCount: 10 }));
    provider = await register(t.app, 'provider');
  });
  afterAll(() => t.close());

  async function getAll<T>(url: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = url.includes('?') ? '&' : '?';
      const response = await t.app.inject({
        method: 'GET',
        url: `${url}${separator}limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        headers: provider.auth,
      });
      const page = response.json() as { items: T[]; nextCursor: string | null };
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  it('answers a small demo market exactly as the exhaustive enumeration over every stored firm does', async () => {
    const firms = (await getAll<Sme>('/api/smes')).map(toEngineFirm);
    const lots = await getAll<Lot>('/api/lots?status=open');
    expect(firms).toHaveLength(45);

    let compared = 0;
    const candidateCounts: number[] = [];
    for (const lot of lots) {
      const input: EngineInput = { lot: toEngineLot(lot), firms, booked: [] };
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/lots/${lot.id}/proposals?limit=5`,
        headers: provider.auth,
      });
      expect(response.statusCode, response.body).toBe(200);
      const answer = response.json() as ProposalsAnswer;
      expect(answer.status).toBe('optimal');
      const offers = offersFor(input);
      const eligible = firms.filter((firm) => (offers.get(firm.id)?.size ?? 0) > 0);
      candidateCounts.push(eligible.length);
      if (eligible.length > MAX_BRUTE_FORCE_CANDIDATES) continue;
      const expected = bruteForceTopK({ ...input, firms: eligible }, 5);
      expect(answer.proposals.map((p) => p.members.map((m) => m.smeId).sort())).toEqual(
        expected.map((set) => set.members),
      );
      expect(answer.proposals.map((p) => Math.round(p.cost * 100))).toEqual(expected.map((set) => set.cents));
      expect(answer.feasible).toBe(expected.length > 0);
      if (expected.length > 0) compared += 1;
    }
    expect(compared, `candidates per lot: ${candidateCounts.join(', ')}`).toBeGreaterThanOrEqual(3);
    console.log(
      `compared ${compared} feasible lots against brute force; candidates per lot: ${candidateCounts.join(', ')}`,
    );
  });

  it('serves a second call for an unchanged lot from the stored answer, and a new answer after a change', async () => {
    const sme: Account = await register(t.app, 'sme');
    const lot = (
      await t.app.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: lotInput() })
    ).json() as Lot;
    await t.app.inject({ method: 'POST', url: '/api/smes', headers: sme.auth, payload: smeInput() });
    const url = `/api/lots/${lot.id}/proposals`;
    const first = await t.app.inject({ method: 'GET', url, headers: provider.auth });
    const work = () =>
      t.app.matching.stats.solves + t.app.matching.stats.skippedProven + t.app.matching.stats.skippedHeuristic;
    // The new firm also reaches the demo lots, whose jobs may still be running: the counters are for every lot.
    await matchingSettled(t.app);
    const workAfterFirst = work();
    const second = await t.app.inject({ method: 'GET', url, headers: provider.auth });
    // "miss": the request waited for a worker's solve; "hit": the stored answer was current (a worker may have been quicker).
    expect(['hit', 'miss']).toContain(first.headers['x-lepa-cache']);
    expect(second.headers['x-lepa-cache']).toBe('hit');
    expect(work()).toBe(workAfterFirst);
    expect(second.json()).toEqual(first.json());

    await t.app.inject({
      method: 'POST',
      url: '/api/smes',
      headers: sme.auth,
      payload: smeInput({ name: 'Another Loft Firm' }),
    });
    const third = await t.app.inject({ method: 'GET', url, headers: provider.auth });
    expect(work()).toBeGreaterThan(workAfterFirst);
    expect((third.json() as ProposalsAnswer).version).toBeGreaterThan((first.json() as ProposalsAnswer).version);
  });

  it('answers 409 for a closed lot, 404 for an unknown one and 401 without a token', async () => {
    const lot = (
      await t.app.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: lotInput() })
    ).json() as Lot;
    await t.app.inject({ method: 'POST', url: `/api/lots/${lot.id}/close`, headers: provider.auth });
    const closed = await t.app.inject({ method: 'GET', url: `/api/lots/${lot.id}/proposals`, headers: provider.auth });
    expect(closed.statusCode).toBe(409);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/lots/00000000-0000-4000-8000-000000000000/proposals',
      headers: provider.auth,
    });
    expect(unknown.statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/lots/${lot.id}/proposals` });
    expect(anonymous.statusCode).toBe(401);
    const tooMany = await t.app.inject({
      method: 'GET',
      url: `/api/lots/${lot.id}/proposals?limit=21`,
      headers: provider.auth,
    });
    expect(tooMany.statusCode).toBe(400);
  });
});
