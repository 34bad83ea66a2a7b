/**
 * Owners of sixteen firms that all reach the same four lots save their
 * profiles at once, round after round. On PostgreSQL (TEST_DATABASE_URL) the
 * writes really run in parallel, so most of them find a lot row held by
 * another writer, skip it and bump it again after their commit (see
 * lotsBumpedByFirmFootprints). Afterwards every lot's proposals must be what
 * a from-scratch solve of the stored market gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lot, ProposalsAnswer, SmeInput } from '@lepa/shared';
import { solve } from '@lepa/engine';
import { bruteForceTopK } from '@lepa/engine/testing';
import { loadEngineInput } from '../../server/src/matching/engine-input.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { register, smeInput, type Account } from '../support/fixtures.ts';
import { createFirm, createLot } from '../fixtures/consortia.ts';

const FIRMS = 16;
const ROUNDS = 4;
const LOT_PLACES = [
  { lat: 52.5236, lon: -1.8397 },
  { lat: 52.5101, lon: -1.8702 },
  { lat: 52.4953, lon: -1.8558 },
  { lat: 52.5312, lon: -1.8123 },
];

/** Firm `index`'s profile in `round`: prices move differently for each firm, so rankings change every round. */
function profile(index: number, round: number): SmeInput {
  const price = (base: number) => base + ((index * 37 + round * 53) % 200);
  const coordinator = { skill: 'retrofit-coordinator' as const, capacityPerMonth: 40, unitPrice: price(300) };
  const loft = { skill: 'loft-insulation' as const, capacityPerMonth: 40, unitPrice: price(450) };
  const kinds = [[coordinator, loft], [loft], [coordinator]];
  return smeInput({
    name: `Concurrent firm ${index + 1}`,
    location: { lat: 52.5 + (index % 4) * 0.01, lon: -1.86 + Math.floor(index / 4) * 0.01 },
    capabilities: kinds[index % kinds.length]!,
  });
}

describe('firm profiles saved at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function settled() {
    while ((await t.app.matching.pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it(`leaves every lot's proposals exact after ${ROUNDS} rounds of ${FIRMS} writes at once`, async () => {
    const provider = await register(t.app, 'provider');
    const lotIds: string[] = [];
    for (const [i, location] of LOT_PLACES.entries())
      lotIds.push(await createLot(t.app, provider, { title: `Shared lot ${i + 1}`, location }));
    // One after another: sign-ups at once meet the password-hashing queue's limit.
    const owners: Account[] = [];
    for (let i = 0; i < FIRMS; i++) owners.push(await register(t.app, 'sme'));
    const firmIds = await Promise.all(owners.map((owner, i) => createFirm(t.app, owner, profile(i, 0))));
    await settled();

    for (let round = 1; round <= ROUNDS; round++) {
      const replies = await Promise.all(
        firmIds.map((id, i) => call(t.app, 'PUT', `/api/smes/${id}`, { as: owners[i]!, payload: profile(i, round) })),
      );
      for (const reply of replies) expect(reply.status, reply.text).toBe(200);
    }
    await settled();

    let feasible = 0;
    for (const lotId of lotIds) {
      const lot = (await call(t.app, 'GET', `/api/lots/${lotId}`, { as: provider })).body as Lot;
      const reply = await call(t.app, 'GET', `/api/lots/${lotId}/proposals`, { as: provider });
      expect(reply.status, reply.text).toBe(200);
      const answer = reply.body as ProposalsAnswer;
      const input = await loadEngineInput(t.app.database.db, lot);
      expect(input.firms).toHaveLength(FIRMS);
      expect(answer.proposals).toEqual(solve(input, { k: 5 }).proposals);
      const expected = bruteForceTopK(input, 5);
      expect(answer.proposals.map((p) => p.members.map((m) => m.smeId).sort())).toEqual(
        expected.map((set) => set.members),
      );
      expect(answer.proposals.map((p) => Math.round(p.cost * 100))).toEqual(expected.map((set) => set.cents));
      if (answer.feasible) feasible += 1;
    }
    expect(feasible).toBe(lotIds.length);
  });
});
