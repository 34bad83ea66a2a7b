/**
 * Which firms could take a member's place: the engine's own rules decide. A firm qualifies when the
 * engine finds it eligible for some of the member's work (skills, certificates valid through the lot's
 * window, within its radius and the lot's distance limit, units free in the window) and the engine's
 * cheapest split for the swapped set is a consortium the lead can keep (covers the lot, nobody idle,
 * the lead still coordinates). The replace route then gets the same answer.
 */
import type { Db } from '@lepa/db';
import { COORDINATOR_SKILL, certificationValid, type Lot, type Replacement } from '@lepa/shared';
import { firmOffers, type EngineFirm } from '@lepa/engine';
import { loadEngineInput } from '../matching/engine-input.ts';
import { splitForMemberSet } from './split.ts';
import type { ConsortiumRecord } from './store.ts';

/** Enough choice for a lead; the cheapest come first. */
export const MAX_REPLACEMENTS = 20;

export async function findReplacements(
  db: Db,
  lot: Lot,
  record: ConsortiumRecord,
  outgoingId: string,
): Promise<Replacement[]> {
  const outgoing = record.members.find((member) => member.smeId === outgoingId)!;
  const work = outgoing.assignments.map((assignment) => assignment.skill);
  const input = await loadEngineInput(db, lot);
  const memberIds = new Set(record.members.map((member) => member.smeId));
  const kept = [...memberIds].filter((id) => id !== outgoingId);
  const names = new Map(input.firms.map((firm) => [firm.id, firm.name]));

  const found: Replacement[] = [];
  for (const firm of input.firms) {
    if (memberIds.has(firm.id)) continue;
    const offers = firmOffers(input.lot, firm, input.booked);
    if (!work.some((skill) => (offers.get(skill)?.available ?? 0) > 0)) continue;
    const outcome = splitForMemberSet(input, [...kept, firm.id], names);
    if (!outcome.ok || !leadStillCoordinates(outcome.split.proposal.members, record.leadSmeId)) continue;
    found.push({
      smeId: firm.id,
      name: firm.name,
      distanceKm: outcome.split.proposal.members.find((member) => member.smeId === firm.id)!.distanceKm,
      cost: outcome.split.proposal.cost,
      offers: work.flatMap((skill) => {
        const offer = offers.get(skill);
        const unitPrice = quotedPrice(firm, skill);
        return offer && unitPrice !== undefined ? [{ skill, unitPrice, available: offer.available }] : [];
      }),
      certifications: firm.certifications
        .filter((certificate) => certificationValid(certificate.expires, lot.endDate))
        .map((certificate) => ({ scheme: certificate.scheme, expires: certificate.expires })),
      members: outcome.split.proposal.members.map(({ smeId, name, distanceKm, assignments }) => ({
        smeId,
        name,
        distanceKm,
        assignments,
      })),
    });
  }
  return found.sort((a, b) => a.cost - b.cost || a.name.localeCompare(b.name)).slice(0, MAX_REPLACEMENTS);
}

const quotedPrice = (firm: EngineFirm, skill: string) =>
  firm.capabilities.find((capability) => capability.skill === skill)?.unitPrice;

/** splitForLead refuses a set whose cheapest split hands coordination to anyone but the lead. */
function leadStillCoordinates(
  members: readonly { smeId: string; assignments: readonly { skill: string }[] }[],
  leadId: string,
): boolean {
  const coordinator = members.find((member) => member.assignments.some((a) => a.skill === COORDINATOR_SKILL));
  return !coordinator || coordinator.smeId === leadId;
}
