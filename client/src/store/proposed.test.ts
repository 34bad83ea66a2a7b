import { describe, expect, it } from 'vitest';
import type { Lot, ProposalsAnswer, Sme } from '@lepa/shared';
import { proposedEntries } from './proposed.ts';

const lot = (id: string) => ({ id, title: id, startDate: '2027-03-01', endDate: '2027-03-31' }) as Lot;
const firm = (id: string, skill: 'retrofit-coordinator' | 'loft-insulation') =>
  ({ id, name: id, capabilities: [{ skill, capacityPerMonth: 10, unitPrice: 300 }] }) as unknown as Sme;
const snapshot = (lotId: string, lead: string, members: string[]) =>
  ({
    lotId,
    version: 1,
    proposals: [
      {
        rank: 1,
        cost: 1000,
        lead,
        members: members.map((smeId) => ({ smeId, name: smeId, distanceKm: 1, assignments: [] })),
      },
    ],
  }) as unknown as ProposalsAnswer;

describe('proposed entries', () => {
  it('lists my firms in the latest proposals of the listed lots, in their order', () => {
    const boards = {
      one: { snapshot: snapshot('one', 'mine-lofts', ['mine-lofts', 'theirs']), error: null },
      two: { snapshot: snapshot('two', 'mine-coord', ['mine-coord', 'theirs']), error: null },
      unlisted: { snapshot: snapshot('unlisted', 'mine-coord', ['mine-coord']), error: null },
    };
    const entries = proposedEntries([lot('two'), lot('one'), lot('not-loaded')], boards, [
      firm('mine-lofts', 'loft-insulation'),
      firm('mine-coord', 'retrofit-coordinator'),
    ]);
    expect(entries.map((e) => [e.lot.id, e.firm.smeId, e.isLead])).toEqual([
      ['two', 'mine-coord', true],
      // The engine names the biggest contract as lead, but a firm without coordination cannot lead.
      ['one', 'mine-lofts', false],
    ]);
  });
});
