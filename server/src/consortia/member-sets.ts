/** Turning a lead's choice of firms into a split the consortium can keep. */
import { and, eq, inArray } from 'drizzle-orm';
import { smes, smeCapabilities, type Db } from '@lepa/db';
import { COORDINATOR_SKILL, type Lot } from '@lepa/shared';
import { AppError, forbidden, invalidInput } from '../common/errors.ts';
import { loadEngineInput } from '../matching/engine-input.ts';
import { splitForMemberSet, type StoredSplit } from './split.ts';

export const NOT_A_LEAD = 'Only an SME account whose firm offers retrofit coordination may lead a consortium';

/** The account's firms that offer retrofit-coordinator: the firms it may lead with. */
export async function coordinatorFirms(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: smes.id })
    .from(smes)
    .innerJoin(smeCapabilities, and(eq(smeCapabilities.smeId, smes.id), eq(smeCapabilities.skill, COORDINATOR_SKILL)))
    .where(eq(smes.ownerId, userId));
  return rows.map((r) => r.id);
}

/**
 * Which of the account's coordinator firms leads: the named one, else the only
 * one, else the only one among the chosen members.
 */
export function chooseLead(owned: readonly string[], named: string | undefined, memberIds: readonly string[]): string {
  if (named !== undefined) {
    if (!owned.includes(named)) throw forbidden('leadSmeId is not a retrofit-coordinator firm of this account');
    return named;
  }
  if (owned.length === 1) return owned[0]!;
  const among = owned.filter((id) => memberIds.includes(id));
  if (among.length === 1) return among[0]!;
  throw invalidInput([
    { field: 'leadSmeId', message: 'is required: this account owns several retrofit-coordinator firms' },
  ]);
}

/**
 * The cheapest split for exactly these firms on this lot (400 when they cannot
 * cover it or one would be idle), in which the lead supplies the coordinator
 * role whenever the lot needs one.
 */
export async function splitForLead(
  db: Db,
  lot: Lot,
  leadId: string,
  memberIds: readonly string[],
): Promise<StoredSplit> {
  const ids = [...new Set([leadId, ...memberIds])];
  const known = await db.select({ id: smes.id, name: smes.name }).from(smes).where(inArray(smes.id, ids));
  const names = new Map(known.map((r) => [r.id, r.name]));
  const unknown = ids.filter((id) => !names.has(id));
  if (unknown.length > 0)
    throw invalidInput(unknown.map((id) => ({ field: 'members', message: `no firm has the id ${id}` })));

  const outcome = splitForMemberSet(await loadEngineInput(db, lot), ids, names);
  if (!outcome.ok) throw new AppError(400, 'invalid_input', outcome.message, outcome.issues);
  const coordinator = outcome.split.proposal.members.find((m) =>
    m.assignments.some((a) => a.skill === COORDINATOR_SKILL),
  );
  if (coordinator && coordinator.smeId !== leadId) {
    throw invalidInput([
      {
        field: 'members',
        message: `the cheapest split gives the retrofit coordination to ${coordinator.name}, not to the lead ${names.get(leadId)}; drop ${coordinator.name} or let it lead`,
      },
    ]);
  }
  return outcome.split;
}
