/**
 * The over-booking guard. Submitting a bid takes its members' capacity; two
 * bids for the same firms must never both take the last units. Every booking
 * path locks the members' `smes` rows (FOR UPDATE, in id order so two
 * submits never wait on each other crosswise) before it reads what is
 * already booked, so the check and the insert that follows see every
 * booking committed before them. On PGlite, transactions already run one at
 * a time; the same code is correct there.
 */
import { asc, inArray } from 'drizzle-orm';
import { smes, type Tx } from '@lepa/db';
import {
  certificationValid,
  haversineKm,
  requiredCertifications,
  SCHEME_LABELS,
  SKILL_LABELS,
  windowDays,
  type Assignment,
  type Lot,
  type Skill,
} from '@lepa/shared';
import { bookedUnits } from '../matching/engine-input.ts';
import type { SmeStore } from '../smes/store.ts';

/** The lot's end as people write it in a refusal: "31 Mar 2027". */
const lastDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export interface MemberWork {
  smeId: string;
  assignments: readonly Assignment[];
}

/** Why a member can no longer do its share; the first problem found per firm and skill. */
export interface BookingProblem {
  smeId: string;
  name: string;
  skill: Skill;
  reason: 'capacity' | 'certification' | 'distance' | 'skill' | 'gone';
  message: string;
  required: number;
  available?: number;
}

/** Locks the members' rows in id order; returns the ids it locked. */
export async function lockMembers(smeIds: readonly string[], tx: Tx): Promise<string[]> {
  if (smeIds.length === 0) return [];
  const rows = await tx
    .select({ id: smes.id })
    .from(smes)
    .where(inArray(smes.id, [...smeIds]))
    .orderBy(asc(smes.id))
    .for('update');
  return rows.map((r) => r.id);
}

/**
 * Checks, with the members locked, that each still can and may do its
 * assignments on this lot: offers the skill, holds valid certificates, is
 * within reach, and has the units free in the lot's window.
 */
export async function bookingProblems(
  lot: Lot,
  work: readonly MemberWork[],
  smeStore: SmeStore,
  tx: Tx,
): Promise<BookingProblem[]> {
  const ids = work.map((w) => w.smeId);
  await lockMembers(ids, tx);
  const [profiles, booked] = await Promise.all([
    smeStore.getMany(ids, tx),
    bookedUnits(tx, ids, lot.startDate, lot.endDate),
  ]);
  const bookedOf = (smeId: string, skill: Skill) =>
    booked.filter((b) => b.smeId === smeId && b.skill === skill).reduce((sum, b) => sum + b.units, 0);
  const days = windowDays(lot.startDate, lot.endDate);
  const problems: BookingProblem[] = [];

  for (const member of work) {
    const firm = profiles.find((p) => p.id === member.smeId);
    for (const { skill, quantity } of member.assignments) {
      const label = SKILL_LABELS[skill].toLowerCase();
      const problem = (reason: BookingProblem['reason'], message: string, available?: number) =>
        problems.push({
          smeId: member.smeId,
          name: firm?.name ?? member.smeId,
          skill,
          reason,
          message,
          required: quantity,
          ...(available === undefined ? {} : { available }),
        });
      if (!firm) {
        problem('gone', `A member firm has been deleted, so nobody supplies its ${label}`);
        continue;
      }
      const capability = firm.capabilities.find((c) => c.skill === skill);
      if (!capability) {
        problem('skill', `${firm.name} no longer offers ${label}`);
        continue;
      }
      const requirement = lot.requirements.find((r) => r.skill === skill);
      const held = new Set(
        firm.certifications.filter((c) => certificationValid(c.expires, lot.endDate)).map((c) => c.scheme),
      );
      const groups = requiredCertifications(skill, requirement?.certifications ?? []);
      const missing = groups.filter((group) => !group.some((scheme) => held.has(scheme)));
      if (missing.length > 0) {
        problem(
          'certification',
          `${firm.name} no longer holds ${missing.map((g) => g.map((scheme) => SCHEME_LABELS[scheme]).join(' or ')).join(', ')} valid to ${lastDay.format(new Date(`${lot.endDate}T00:00:00Z`))} for ${label}`,
        );
        continue;
      }
      const distanceKm = haversineKm(lot.location, firm.location);
      if (distanceKm > firm.serviceRadiusKm || (lot.maxDistanceKm !== null && distanceKm > lot.maxDistanceKm)) {
        problem(
          'distance',
          `${firm.name} is ${distanceKm.toFixed(1)} km away, beyond its or the lot's reach for ${label}`,
        );
        continue;
      }
      const available = Math.floor((capability.capacityPerMonth * days) / 30) - bookedOf(firm.id, skill);
      if (available < quantity) {
        problem(
          'capacity',
          `${firm.name} has ${Math.max(0, available)} units of ${label} free in this window; this bid needs ${quantity}`,
          Math.max(0, available),
        );
      }
    }
  }
  return problems;
}
