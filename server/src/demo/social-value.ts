import type { Ownership, SocialValue } from '@lepa/shared';
import type { Random } from './random.ts';
import type { Area } from './towns.ts';

const MISSION_LED: ReadonlySet<Ownership> = new Set(['social-enterprise', 'co-operative', 'employee-owned']);

/**
 * Social value answers at believable rates: mission-led firms mostly pay the
 * Real Living Wage, apprentices need a firm big enough to supervise them, and
 * the Birmingham Business Charter is signed mostly by Birmingham firms.
 */
export function socialValueFor(random: Random, ownership: Ownership, employees: number, area: Area): SocialValue {
  const missionLed = MISSION_LED.has(ownership);
  const apprentices =
    employees < 4
      ? random.chance(0.15)
        ? 1
        : 0
      : random.chance(0.55)
        ? random.int(1, Math.max(1, Math.round(employees / 8)))
        : 0;
  const localEmployeesPct =
    employees === 1 ? 100 : ownership === 'subsidiary' ? random.int(25, 70) : random.int(55, 100);
  const charterChance = area === 'Birmingham' ? (missionLed ? 0.6 : 0.3) : 0.06;
  return {
    realLivingWage: random.chance(missionLed ? 0.85 : ownership === 'subsidiary' ? 0.6 : 0.4),
    apprentices,
    localEmployeesPct,
    charterSignatory: random.chance(charterChance),
  };
}
