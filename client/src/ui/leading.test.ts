import { describe, expect, it } from 'vitest';
import type { Proposal } from '@lepa/shared';
import { leadWhoMayLead, offersCoordination } from './leading.ts';

const coordinates = {
  capabilities: [{ skill: 'retrofit-coordinator' as const, capacityPerMonth: 10, unitPrice: 300 }],
};
const lofts = { capabilities: [{ skill: 'loft-insulation' as const, capacityPerMonth: 10, unitPrice: 300 }] };

const proposal = (leadSkill: 'retrofit-coordinator' | 'loft-insulation') =>
  ({
    rank: 1,
    lead: 'a',
    members: [
      { smeId: 'a', name: 'A', distanceKm: 1, assignments: [{ skill: leadSkill, quantity: 5, unitCost: 300 }] },
      {
        smeId: 'b',
        name: 'B',
        distanceKm: 1,
        assignments: [{ skill: 'cavity-wall-insulation', quantity: 5, unitCost: 300 }],
      },
    ],
  }) as unknown as Proposal;

describe('who may lead', () => {
  it('a firm offering retrofit coordination', () => {
    expect(offersCoordination(coordinates)).toBe(true);
    expect(offersCoordination(lofts)).toBe(false);
  });

  it('shows the proposal’s lead when it coordinates there, or its profile offers coordination', () => {
    expect(leadWhoMayLead(proposal('retrofit-coordinator'), undefined)).toBe('a');
    expect(leadWhoMayLead(proposal('loft-insulation'), coordinates)).toBe('a');
  });

  it('shows no lead when the engine’s lead (the biggest contract) cannot lead, or is not known to', () => {
    expect(leadWhoMayLead(proposal('loft-insulation'), lofts)).toBeNull();
    expect(leadWhoMayLead(proposal('loft-insulation'), undefined)).toBeNull();
  });
});
