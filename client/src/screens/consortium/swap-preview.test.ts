import { describe, expect, it } from 'vitest';
import { effectiveUnitCost, haversineKm, roundPennies, type Lot, type Proposal, type Sme } from '@lepa/shared';
import { consortium } from '../../test-support/fake-api.ts';
import { alternativesFromProposals, previewSwap, swappedMemberIds } from './swap-preview.ts';

const lot = {
  id: 'lot-1',
  location: { lat: 52.5236, lon: -1.8397 },
  socialValueWeight: 1,
  travelCostPerUnitKm: 2,
} as Lot;

const spare = {
  id: 'spare',
  name: 'Spare Lofts',
  location: { lat: 52.53, lon: -1.9 },
  ownership: 'subsidiary',
  capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 40, unitPrice: 500 }],
  socialValue: { realLivingWage: true, apprentices: 0, localEmployeesPct: 50, charterSignatory: false },
} as Sme;

const proposalOf = (rank: number, cost: number, members: [string, string][]): Proposal =>
  ({
    rank,
    cost,
    lead: 'lead',
    members: members.map(([smeId, skill]) => ({
      smeId,
      name: smeId,
      distanceKm: rank,
      assignments: [{ skill, quantity: 20, unitCost: 1 }],
    })),
  }) as Proposal;

describe('member swap preview', () => {
  it('keeps the lead first and puts the new firm where the old one was', () => {
    expect(swappedMemberIds(consortium(), 'lofts', 'spare')).toEqual(['lead', 'spare']);
  });

  it('uses a live proposal’s own figures when the new member set is one of them', () => {
    const proposals = [
      proposalOf(1, 20_000, [
        ['lead', 'retrofit-coordinator'],
        ['lofts', 'loft-insulation'],
      ]),
      proposalOf(2, 21_500, [
        ['spare', 'loft-insulation'],
        ['lead', 'retrofit-coordinator'],
      ]),
    ];
    const preview = previewSwap({ consortium: consortium(), outgoingId: 'lofts', incoming: spare, lot, proposals });
    expect(preview).toMatchObject({ exact: true, cost: 21_500, costChange: 1_500, uncovered: [] });
    expect(preview.members).toBe(proposals[1]!.members);
  });

  it('otherwise estimates the new firm taking over the same work at its effective unit cost', () => {
    const preview = previewSwap({ consortium: consortium(), outgoingId: 'lofts', incoming: spare, lot, proposals: [] });
    // sv = 0.03 (Real Living Wage); a subsidiary earns nothing for ownership.
    const unitCost = roundPennies(
      effectiveUnitCost({
        unitPrice: 500,
        socialValue: 0.03,
        socialValueWeight: 1,
        travelCostPerUnitKm: 2,
        distanceKm: haversineKm(spare.location, lot.location),
      }),
    );
    expect(preview.exact).toBe(false);
    expect(preview.members[1]).toMatchObject({
      smeId: 'spare',
      assignments: [{ skill: 'loft-insulation', quantity: 20, unitCost }],
    });
    expect(preview.cost).toBe(roundPennies(20_000 - 20 * 400 + 20 * unitCost));
    expect(preview.costChange).toBe(roundPennies(preview.cost - 20_000));
  });

  it('names the outgoing member’s skills the new firm does not offer', () => {
    const roofer = { ...spare, capabilities: [{ skill: 'roofing', capacityPerMonth: 10, unitPrice: 100 }] } as Sme;
    const preview = previewSwap({
      consortium: consortium(),
      outgoingId: 'lofts',
      incoming: roofer,
      lot,
      proposals: [],
    });
    expect(preview.uncovered).toEqual(['loft-insulation']);
    expect(preview.cost).toBe(20_000);
  });

  it('offers firms of other proposals that do the outgoing member’s skills, not current members, nearest first', () => {
    const proposals = [
      proposalOf(2, 1, [
        ['lead', 'retrofit-coordinator'],
        ['far', 'loft-insulation'],
      ]),
      proposalOf(1, 1, [
        ['lead', 'retrofit-coordinator'],
        ['near', 'loft-insulation'],
        ['cavity', 'cavity-wall-insulation'],
      ]),
      proposalOf(3, 1, [['far', 'loft-insulation']]),
    ];
    const found = alternativesFromProposals(consortium(), 'lofts', proposals);
    expect(found.map((c) => [c.smeId, c.source])).toEqual([
      ['near', { rank: 1 }],
      ['far', { rank: 2 }],
    ]);
  });
});
