/**
 * Owners of sixteen firms that all reach the same four lots save their
 * profiles at once, round after round. On PostgreSQL (TEST_DATABASE_URL) the
 * writes really run in parallel, so most of them find a lot row held by
 * another writer, skip it and bump it again after their commit (see
 * lotsBumpedByFirmFootprints). Afterwards every lot's proposals must be what
 * a from-scratch solve of the stored market gives. Then one owner saves
 * different profiles of one firm at once: each save must apply whole, and
 * every lot the firm left must have been told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalsAnswer, Sme, SmeInput } from '@lepa/shared';
import { expectExactProposals as expectExact } from '../support/exact-proposals.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { register, smeInput, type Account } from '../support/fixtures.ts';
import { createFirm, createLot } from '../fixtures/consortia.ts';
import { matchingSettled } from '../support/matching.ts';

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

  /** The lot's served proposals are exact, worked out from `firmsWithin` firms in reach. */
  async function expectExactProposals(provider: Account, lotId: string, firmsWithin: number): Promise<ProposalsAnswer> {
    const { answer, input } = await expectExact(t.app, provider, lotId);
    expect(input.firms.length).toBe(firmsWithin);
    return answer;
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
    await matchingSettled(t.app);

    for (let round = 1; round <= ROUNDS; round++) {
      const replies = await Promise.all(
        firmIds.map((id, i) => call(t.app, 'PUT', `/api/smes/${id}`, { as: owners[i]!, payload: profile(i, round) })),
      );
      for (const reply of replies) expect(reply.status, reply.text).toBe(200);
    }
    await matchingSettled(t.app);

    let feasible = 0;
    for (const lotId of lotIds) if ((await expectExactProposals(provider, lotId, FIRMS)).feasible) feasible += 1;
    expect(feasible).toBe(lotIds.length);
  });

  it('applies each of several saves of one firm at once whole, and tells every lot the firm left', async () => {
    // Towns far enough apart that a firm with a 4 km reach serves one lot only, and out of reach of the other test's firms.
    const towns = [
      { lat: 53.0027, lon: -2.1794 },
      { lat: 52.0565, lon: -2.716 },
      { lat: 52.1936, lon: -2.2216 },
      { lat: 52.7073, lon: -2.7553 },
    ];
    const provider = await register(t.app, 'provider');
    const lotIds: string[] = [];
    for (const [i, location] of towns.entries())
      lotIds.push(await createLot(t.app, provider, { title: `Town lot ${i + 1}`, location }));
    for (const [i, location] of towns.entries()) {
      for (const price of [500, 600]) {
        const owner = await register(t.app, 'sme');
        await createFirm(
          t.app,
          owner,
          smeInput({
            name: `Resident ${i + 1}/${price}`,
            location,
            serviceRadiusKm: 4,
            capabilities: [
              { skill: 'retrofit-coordinator', capacityPerMonth: 40, unitPrice: price },
              { skill: 'loft-insulation', capacityPerMonth: 40, unitPrice: price + 100 },
            ],
          }),
        );
      }
    }
    // The cheapest firm in whichever town it moves to, with a certificate naming the save that put it there.
    const mover = (round: number, town: number): SmeInput =>
      smeInput({
        name: `Moving firm, round ${round}, town ${town + 1}`,
        location: towns[town]!,
        serviceRadiusKm: 4,
        capabilities: [
          { skill: 'retrofit-coordinator', capacityPerMonth: 40, unitPrice: 200 + round + town },
          ...(town % 2 === 0
            ? [{ skill: 'loft-insulation' as const, capacityPerMonth: 40, unitPrice: 300 + round }]
            : []),
        ],
        certifications: [{ scheme: 'pas-2035', reference: `R${round}-T${town}`, expires: '2030-01-31' }],
      });
    const owner = await register(t.app, 'sme');
    const moverId = await createFirm(t.app, owner, mover(0, 0));
    await matchingSettled(t.app);

    const ROUNDS_OF_MOVES = 6;
    let lastRound: SmeInput[] = [];
    for (let round = 1; round <= ROUNDS_OF_MOVES; round++) {
      lastRound = towns.map((_, town) => mover(round, (town + round) % towns.length));
      const replies = await Promise.all(
        lastRound.map((body) => call(t.app, 'PUT', `/api/smes/${moverId}`, { as: owner, payload: body })),
      );
      for (const reply of replies) expect(reply.status, reply.text).toBe(200);
    }
    await matchingSettled(t.app);

    const stored = (await call(t.app, 'GET', `/api/smes/${moverId}`, { as: owner })).body as Sme;
    const applied = lastRound.find((body) => body.name === stored.name)!;
    expect(applied, stored.name).toBeDefined();
    expect(stored.location).toEqual(applied.location);
    expect(stored.capabilities).toEqual([...applied.capabilities].sort((a, b) => a.skill.localeCompare(b.skill)));
    expect(stored.certifications).toEqual(applied.certifications);
    for (const [town, lotId] of lotIds.entries()) {
      const here = applied.location?.lat === towns[town]!.lat;
      const answer = await expectExactProposals(provider, lotId, here ? 3 : 2);
      const served = answer.proposals.some((p) => p.members.some((m) => m.smeId === moverId));
      expect(served, `town ${town + 1}`).toBe(here);
    }
  });
});
