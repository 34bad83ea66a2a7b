/**
 * Lots the capacity rule rules out even with no other programme lot covered.
 *
 * A valid proposal uses its member set's canonical split, which fills each
 * skill in cost order giving every member its whole availability a(s) on the
 * lot except the last, which takes what is left. Under the rule a member's
 * units are at most its room r(s): the least, over the lot and every lot
 * overlapping it, of available(s,k) there (rows count units on all
 * overlapping lots, covered or not). So a skill can get at most the largest
 * maxMembers values of a(s) among firms with a(s) ≤ r(s), plus the largest
 * r(s) of the others (the last member); the coordinator, never split, needs
 * one firm with r(s) ≥ the quantity. Short of that, no valid proposal of the
 * lot ever fits, whatever else the programme covers.
 */
import type { Skill } from '@lepa/shared';
import { availableUnits } from '../eligibility.ts';
import type { ProgrammeModel } from './columns.ts';

/** Why the rule rules the lot out, or null when it may fit. */
export function blockedByRule(programme: ProgrammeModel, lot: number): string | null {
  const model = programme.lots[lot]!.model;
  const skillCount = model.skills.length;
  const overlapping = programme.overlaps[lot]!;
  // available(s,k) grows with the window, so without bookings the shortest overlapping window decides.
  const shortestDays = Math.min(...overlapping.map((other) => programme.days[other]!));
  const withBookings = overlapping.filter((other) => programme.bookedByLot[other]!.size > 0);
  const emptyRoom = (smeId: string, skill: Skill): number => {
    const capability = programme.firmsById.get(smeId)!.capabilities.find((entry) => entry.skill === skill)!;
    let room = availableUnits(capability.capacityPerMonth, shortestDays, 0);
    for (const other of withBookings) {
      const booked = programme.bookedByLot[other]!.get(smeId)?.get(skill) ?? 0;
      room = Math.min(room, availableUnits(capability.capacityPerMonth, programme.days[other]!, booked));
    }
    return room;
  };
  for (let skill = 0; skill < skillCount; skill++) {
    const { quantity, unsplit, skill: name } = model.skills[skill]!;
    const offers = model.offers[skill]!;
    const whole: number[] = [];
    let largestPart = 0;
    for (let position = 0; position < offers.firms.length; position++) {
      const own = offers.available[position]!;
      const room = Math.max(0, emptyRoom(model.firms[offers.firms[position]!]!.firm.id, name));
      if (unsplit) largestPart = Math.max(largestPart, room);
      else if (own <= room) whole.push(own);
      else largestPart = Math.max(largestPart, room);
    }
    const most = unsplit
      ? largestPart
      : whole
          .sort((a, b) => b - a)
          .slice(0, model.lot.maxMembers)
          .reduce((sum, units) => sum + units, largestPart);
    if (most < quantity) {
      return (
        `The programme's capacity rule leaves room for at most ${most} of its ${quantity} ${name} units ` +
        `even with no other lot covered: a lot overlapping it allows its firms less than the cheapest split gives them.`
      );
    }
  }
  return null;
}
