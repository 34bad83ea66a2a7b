import { describe, expect, it } from 'vitest';
import type { Opportunity } from '@lepa/shared';
import { NO_FILTERS, filterOpportunities } from './filters.ts';

function item(title: string, distanceKm: number, startDate: string, skills: string[], area: string): Opportunity {
  return {
    lot: {
      id: title,
      title,
      postcode: area,
      location: { lat: 52.5, lon: -1.9 },
      locationSource: 'exact',
      startDate,
      endDate: '2028-01-01',
      skills: skills as Opportunity['skills'],
    },
    distanceKm,
    skills: skills as Opportunity['skills'],
    status: 'eligible',
    bestRank: null,
    hints: [],
  };
}

const items = [
  item('Far early', 20, '2027-01-10', ['loft-insulation'], 'Solihull'),
  item('Near late', 2, '2027-06-01', ['loft-insulation', 'solar-pv'], 'Birmingham'),
  item('Middle', 8, '2027-03-01', ['solar-pv'], 'Birmingham'),
];
const areaOf = (o: Opportunity) => o.lot.postcode ?? '';
const titles = (list: Opportunity[]) => list.map((o) => o.lot.title);

describe('lots near me: filters and order', () => {
  it('sorts by distance or by start date', () => {
    expect(titles(filterOpportunities(items, NO_FILTERS, areaOf))).toEqual(['Near late', 'Middle', 'Far early']);
    expect(titles(filterOpportunities(items, { ...NO_FILTERS, sort: 'start' }, areaOf))).toEqual([
      'Far early',
      'Middle',
      'Near late',
    ]);
  });

  it('filters by skill, area and start date together', () => {
    expect(titles(filterOpportunities(items, { ...NO_FILTERS, skill: 'solar-pv' }, areaOf))).toEqual([
      'Near late',
      'Middle',
    ]);
    expect(titles(filterOpportunities(items, { ...NO_FILTERS, area: 'Solihull' }, areaOf))).toEqual(['Far early']);
    expect(
      titles(filterOpportunities(items, { ...NO_FILTERS, skill: 'solar-pv', startsFrom: '2027-04-01' }, areaOf)),
    ).toEqual(['Near late']);
  });
});
