import type { Ownership } from '@lepa/shared';
import type { FirmType } from './firm-types.ts';
import { SURNAMES } from './people.ts';
import type { Random } from './random.ts';
import type { Area, Town } from './towns.ts';

/** Local nicknames firms trade under, e.g. "Black Country Heat Pumps". */
const AREA_MONIKERS: Readonly<Record<Area, readonly string[]>> = {
  Birmingham: ['Brum', 'Second City', 'Brindley', 'Bullring', 'Jewellery Quarter', 'Lunar'],
  'Black Country': ['Black Country', 'Forge', 'Anchor', 'Chainmakers', 'Canalside'],
  Coventry: ['Coventry', 'Phoenix', 'Godiva', 'Sky Blue'],
  Solihull: ['Arden', 'Solihull', 'Blythe Valley'],
  Staffordshire: ['Chase', 'Staffordshire', 'Tame Valley', 'Three Spires'],
  Warwickshire: ['Avon', 'Warwickshire', 'Shakespeare Country', 'Arden'],
  Worcestershire: ['Severn', 'Malvern', 'Wyre Forest', 'Lickey', 'Worcestershire'],
};
const REGIONAL_MONIKERS = ['Midland', 'Heart of England', 'Mercia', 'Boulton', 'Watt'] as const;
/** Invented national contractors whose regional arms appear as subsidiaries. */
const NATIONAL_GROUPS = [
  'Greenbridge',
  'Kestrel',
  'Northstone',
  'Albion',
  'Meridian',
  'Crownfield',
  'Sterling',
] as const;
const INITIALS = 'ABCDGHJKLMPRSTW';

/** Names firms without repeating one: the same name twice would confuse every list in the app. */
export class FirmNamer {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  /** Reserves a name written by hand (a notable firm) so no generated firm takes it. */
  reserve(name: string): string {
    this.used.add(name);
    return name;
  }

  next(type: FirmType, town: Town, ownership: Ownership): string {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const name = this.candidate(type, town, ownership);
      if (!this.used.has(name)) return this.reserve(name);
    }
    // Only reached with far more firms than the default; keeps any count possible.
    const base = `${this.candidate(type, town, ownership)} (${town.name})`;
    let name = base;
    for (let counter = 2; this.used.has(name); counter += 1) name = `${base} ${counter}`;
    return this.reserve(name);
  }

  private candidate(type: FirmType, town: Town, ownership: Ownership): string {
    const random = this.random;
    const trade = random.pick(type.tradeNames);
    if (ownership === 'subsidiary') return `${random.pick(NATIONAL_GROUPS)} ${trade} Midlands Ltd`;
    return `${this.stem(type, town)} ${trade}${this.suffix(ownership)}`;
  }

  private stem(type: FirmType, town: Town): string {
    const random = this.random;
    const roll = random.next();
    if (roll < 0.3) return town.name;
    if (roll < 0.55) return random.pick(AREA_MONIKERS[town.area]);
    if (roll < 0.8) {
      const family = type.id === 'consultancy' ? [''] : ['', '', ' & Sons', ' Bros'];
      return `${random.pick(SURNAMES)}${random.pick(family)}`;
    }
    if (roll < 0.9)
      return `${INITIALS.charAt(random.int(0, INITIALS.length - 1))}${INITIALS.charAt(random.int(0, INITIALS.length - 1))}`;
    return random.pick(REGIONAL_MONIKERS);
  }

  private suffix(ownership: Ownership): string {
    switch (ownership) {
      case 'co-operative':
        return this.random.pick([' Co-op', ' Co-operative']);
      case 'social-enterprise':
        return ' CIC';
      case 'employee-owned':
        return ' Ltd';
      default:
        return this.random.chance(0.75) ? ' Ltd' : '';
    }
  }
}
