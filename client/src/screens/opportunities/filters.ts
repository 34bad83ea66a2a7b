import type { Opportunity } from '@lepa/shared';

export interface OpportunityFilters {
  /** a skill code, or '' for any */
  skill: string;
  /** a district name, or '' for any */
  area: string;
  /** YYYY-MM-DD: lots starting on or after it; '' for any */
  startsFrom: string;
  sort: 'distance' | 'start';
}

export const NO_FILTERS: OpportunityFilters = { skill: '', area: '', startsFrom: '', sort: 'distance' };

/** The lots that pass the filters, in the chosen order; ties go to the nearer lot, then the title. */
export function filterOpportunities(
  items: readonly Opportunity[],
  filters: OpportunityFilters,
  areaOf: (item: Opportunity) => string,
): Opportunity[] {
  const kept = items.filter(
    (item) =>
      (filters.skill === '' || item.skills.includes(filters.skill as Opportunity['skills'][number])) &&
      (filters.area === '' || areaOf(item) === filters.area) &&
      (filters.startsFrom === '' || item.lot.startDate >= filters.startsFrom),
  );
  const byDistance = (a: Opportunity, b: Opportunity) =>
    a.distanceKm - b.distanceKm || a.lot.title.localeCompare(b.lot.title);
  return kept.sort((a, b) =>
    filters.sort === 'start' ? a.lot.startDate.localeCompare(b.lot.startDate) || byDistance(a, b) : byDistance(a, b),
  );
}
