import {
  DEFAULT_CERTIFICATIONS,
  EARTH_RADIUS_KM,
  LOT_DEFAULTS,
  LotInput,
  RegisterBody,
  SmeInput,
  lotInputIssues,
  smeInputIssues,
  type Location,
  type Skill,
} from '@lepa/shared';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { daysBetween } from './dates.ts';
import { DEMO_PASSWORD, generateDemoData } from './generate.ts';
import { NOT_COVERABLE_LOT_TITLES } from './showcase-lots.ts';
import { TOWNS } from './towns.ts';

const data = generateDemoData();

describe('generateDemoData', () => {
  it('gives byte-identical output for the same seed and different output for another', () => {
    expect(JSON.stringify(generateDemoData())).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateDemoData({ seed: 7 }))).toBe(JSON.stringify(generateDemoData({ seed: 7 })));
    expect(JSON.stringify(generateDemoData({ seed: 7 }))).not.toBe(JSON.stringify(data));
  });

  it('makes the default counts and honours the requested ones', () => {
    expect(data.smes).toHaveLength(320);
    expect(data.lots).toHaveLength(24);
    const small = generateDemoData({ smeCount: 40, lotCount: 6 });
    expect(small.smes).toHaveLength(40);
    expect(small.lots).toHaveLength(6);
    expect(() => generateDemoData({ lotCount: 3 })).toThrow(RangeError);
    expect(() => generateDemoData({ today: '2026-02-30' })).toThrow(RangeError);
  });

  it('produces firms and lots that pass the API schemas and rules', () => {
    for (const { input } of data.smes) {
      expect([...Value.Errors(SmeInput, input)], input.name).toEqual([]);
      expect(smeInputIssues(input), input.name).toEqual([]);
    }
    for (const { input } of data.lots) {
      expect([...Value.Errors(LotInput, input)], input.title).toEqual([]);
      expect(lotInputIssues(input), input.title).toEqual([]);
    }
  });

  it('gives every firm and lot an existing owner of the right role, and unique names', () => {
    const roles = new Map(data.accounts.map((a) => [a.key, a.role]));
    expect(new Set(data.accounts.map((a) => a.email)).size).toBe(data.accounts.length);
    for (const account of data.accounts) {
      expect(
        Value.Check(RegisterBody, {
          email: account.email,
          password: account.password,
          name: account.name,
          role: account.role,
        }),
      ).toBe(true);
      expect(account.password).toBe(DEMO_PASSWORD);
    }
    expect(data.smes.every((s) => roles.get(s.ownerKey) === 'sme')).toBe(true);
    expect(data.lots.every((l) => roles.get(l.ownerKey) === 'provider')).toBe(true);
    expect(new Set(data.lots.map((l) => l.ownerKey)).size).toBe(5);
    expect(new Set(data.smes.map((s) => s.input.name)).size).toBe(data.smes.length);
    expect(new Set(data.lots.map((l) => l.input.title)).size).toBe(data.lots.length);
    const firmsPerOwner = countBy(data.smes.map((s) => s.ownerKey));
    expect(Math.max(...firmsPerOwner.values())).toBe(2);
    expect([...firmsPerOwner.values()].filter((n) => n === 1).length).toBeGreaterThan(firmsPerOwner.size * 0.9);
  });

  it('lets lead@ sign in as the owner of a retrofit coordinator', () => {
    const lead = data.accounts.find((a) => a.email === 'lead@demo.lepa.test');
    const firms = data.smes.filter((s) => s.ownerKey === lead?.key);
    expect(firms.some((f) => f.input.capabilities.some((c) => c.skill === 'retrofit-coordinator'))).toBe(true);
  });

  it('spreads firms over at least 25 towns of the region', () => {
    const nearestTown = (at: Location) =>
      TOWNS.reduce((best, town) => (distanceKm(at, town) < distanceKm(at, best) ? town : best)).name;
    expect(new Set(data.smes.map((s) => nearestTown(s.input.location!))).size).toBeGreaterThanOrEqual(25);
    for (const { input } of data.smes) {
      expect(input.serviceRadiusKm).toBeGreaterThanOrEqual(10);
      expect(input.serviceRadiusKm).toBeLessThanOrEqual(60);
    }
  });

  it('posts lots with 3 to 10 requirements, 20 to 400 homes and windows of 1 to 6 months in 2027', () => {
    for (const { input } of data.lots) {
      expect(input.requirements.length).toBeGreaterThanOrEqual(3);
      expect(input.requirements.length).toBeLessThanOrEqual(10);
      expect(input.homes).toBeGreaterThanOrEqual(20);
      expect(input.homes).toBeLessThanOrEqual(400);
      expect(input.startDate.startsWith('2027-')).toBe(true);
      expect(input.endDate.startsWith('2027-')).toBe(true);
      expect(daysBetween(input.startDate, input.endDate)).toBeGreaterThanOrEqual(27);
      expect(daysBetween(input.startDate, input.endDate)).toBeLessThan(184);
    }
  });

  it('lets some certificates lapse around lot time, but not most', () => {
    const expiries = data.smes.flatMap((s) => s.input.certifications.map((c) => c.expires));
    const lapsing = expiries.filter((e) => e < '2027-06-01').length / expiries.length;
    expect(lapsing).toBeGreaterThan(0.04);
    expect(lapsing).toBeLessThan(0.12);
  });
});

describe('the not-coverable showcase lots', () => {
  const lotTitled = (title: string) => {
    const found = data.lots.find((l) => l.input.title === title);
    if (!found) throw new Error(`no lot "${title}"`);
    return found.input;
  };

  it('Brownhills: no firm within reach holds a valid MCS for ground source heat pumps', () => {
    const lot = lotTitled(NOT_COVERABLE_LOT_TITLES.groundSource);
    expect(data.smes.some((s) => offers(s.input, 'ground-source-heat-pump'))).toBe(true);
    expect(eligibleFirms(lot, 'ground-source-heat-pump')).toEqual([]);
  });

  it('Meriden: no firm is based within the lot’s 3 km limit', () => {
    const lot = lotTitled(NOT_COVERABLE_LOT_TITLES.nearbyOnly);
    expect(lot.maxDistanceKm).toBe(3);
    expect(data.smes.filter((s) => distanceKm(s.input.location!, lot.location!) <= 3)).toEqual([]);
  });

  it('Ladywood: the whole region cannot deliver the external wall insulation in the window', () => {
    const lot = lotTitled(NOT_COVERABLE_LOT_TITLES.overCapacity);
    const wanted = lot.requirements.find((r) => r.skill === 'external-wall-insulation')?.quantity ?? 0;
    const regionTotal = data.smes.reduce((sum, s) => sum + unitsInWindow(s.input, lot, 'external-wall-insulation'), 0);
    expect(regionTotal).toBeLessThan(wanted);
  });

  it('Wood End: one member is allowed and no single firm can do every measure', () => {
    const lot = lotTitled(NOT_COVERABLE_LOT_TITLES.singleContractor);
    expect(lot.maxMembers).toBe(1);
    const allRounders = data.smes.filter((s) => lot.requirements.every((r) => isEligible(s.input, lot, r.skill)));
    expect(allRounders).toEqual([]);
  });

  it('every other lot can be covered: a greedy consortium within the member limit exists', () => {
    const showcase = new Set<string>(Object.values(NOT_COVERABLE_LOT_TITLES));
    const uncovered = data.lots
      .filter((l) => !showcase.has(l.input.title))
      .filter((l) => !greedyConsortiumExists(l.input))
      .map((l) => l.input.title);
    expect(uncovered).toEqual([]);
  });
});

// ---- A plain re-statement of DESIGN.md's eligibility, to check the data without the engine.

type Firm = SmeInput;

function distanceKm(a: Location, b: Location): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

function offers(firm: Firm, skill: Skill): boolean {
  return firm.capabilities.some((c) => c.skill === skill);
}

function isEligible(firm: Firm, lot: LotInput, skill: Skill): boolean {
  const valid = new Set(firm.certifications.filter((c) => c.expires >= lot.endDate).map((c) => c.scheme));
  const extra = lot.requirements.find((r) => r.skill === skill)?.certifications ?? [];
  const needs = [...DEFAULT_CERTIFICATIONS[skill], ...extra.map((scheme) => [scheme])];
  const distance = distanceKm(firm.location!, lot.location!);
  return (
    offers(firm, skill) &&
    needs.every((anyOf) => anyOf.some((scheme) => valid.has(scheme))) &&
    distance <= firm.serviceRadiusKm &&
    distance <= (lot.maxDistanceKm ?? Number.POSITIVE_INFINITY)
  );
}

function eligibleFirms(lot: LotInput, skill: Skill): Firm[] {
  return data.smes.map((s) => s.input).filter((firm) => isEligible(firm, lot, skill));
}

/** Capacity over the lot's window, ignoring eligibility: an upper bound on what the firm could supply. */
function unitsInWindow(firm: Firm, lot: LotInput, skill: Skill): number {
  const perMonth = firm.capabilities.find((c) => c.skill === skill)?.capacityPerMonth ?? 0;
  return Math.floor((perMonth * daysBetween(lot.startDate, lot.endDate)) / 30);
}

function available(firm: Firm, lot: LotInput, skill: Skill): number {
  return isEligible(firm, lot, skill) ? unitsInWindow(firm, lot, skill) : 0;
}

/**
 * Finding one consortium proves a lot coverable: pick a coordinator able to do
 * every home, then keep adding the firm that covers most of what is left.
 */
function greedyConsortiumExists(lot: LotInput): boolean {
  const maxMembers = lot.maxMembers ?? LOT_DEFAULTS.maxMembers;
  const coordinator = lot.requirements.find((r) => r.skill === 'retrofit-coordinator');
  const leads = coordinator
    ? eligibleFirms(lot, 'retrofit-coordinator').filter(
        (f) => available(f, lot, 'retrofit-coordinator') >= coordinator.quantity,
      )
    : [undefined];
  return leads.some((lead) => {
    const left = new Map(lot.requirements.map((r) => [r.skill, r.quantity]));
    const members: Firm[] = [];
    const join = (firm: Firm) => {
      members.push(firm);
      for (const [skill, quantity] of left) left.set(skill, Math.max(0, quantity - available(firm, lot, skill)));
    };
    if (lead) join(lead);
    left.delete('retrofit-coordinator');
    const share = (firm: Firm) =>
      [...left].reduce(
        (sum, [skill, quantity]) => sum + (quantity > 0 ? Math.min(1, available(firm, lot, skill) / quantity) : 0),
        0,
      );
    while ([...left.values()].some((q) => q > 0) && members.length < maxMembers) {
      const best = data.smes
        .map((s) => s.input)
        .filter((f) => !members.includes(f))
        .reduce<[Firm | undefined, number]>(
          (top, firm) => {
            const value = share(firm);
            return value > top[1] ? [firm, value] : top;
          },
          [undefined, 0],
        )[0];
      if (!best) return false;
      join(best);
    }
    return [...left.values()].every((q) => q === 0);
  });
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
