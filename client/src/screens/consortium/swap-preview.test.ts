import { describe, expect, it } from 'vitest';
import type { Replacement } from '@lepa/shared';
import { consortium } from '../../test-support/fake-api.ts';
import { previewOf, swappedMemberIds } from './swap-preview.ts';

describe('swap preview', () => {
  const held = consortium();
  const outgoing = held.members.find((m) => m.smeId !== held.lead)!;

  it('puts the replacement where the outgoing member was, keeping the lead first', () => {
    const ids = swappedMemberIds(held, outgoing.smeId, 'spare');
    expect(ids[0]).toBe(held.members[0]!.smeId);
    expect(ids).toContain('spare');
    expect(ids).not.toContain(outgoing.smeId);
    expect(ids).toHaveLength(held.members.length);
  });

  it('shows the server’s split and its cost change to the penny', () => {
    const replacement: Replacement = {
      smeId: 'spare',
      name: 'Spare Lofts',
      distanceKm: 3.2,
      cost: held.cost + 100.1,
      offers: [],
      certifications: [],
      members: [{ smeId: 'spare', name: 'Spare Lofts', distanceKm: 3.2, assignments: [] }],
    };
    const preview = previewOf(held, replacement);
    expect(preview.cost).toBe(held.cost + 100.1);
    expect(preview.costChange).toBe(100.1);
    expect(preview.members).toBe(replacement.members);
  });
});
