/**
 * Lots from an OCDS release package: one Lepa lot per tender lot (or per
 * tender without lots), CPV-classified items mapped to skills (see
 * shared/src/schemas/cpv.ts). Pure: it returns the lots or every problem
 * with its JSON path, and the caller writes all lots or none.
 */
import { Value } from 'typebox/value';
import {
  LotInput,
  lotInputIssues,
  SKILL_SCHEME,
  skillForItem,
  CPV_SCHEME,
  type CertificationScheme,
  type Skill,
} from '@lepa/shared';
import type { LepaItemFields, LepaLotFields } from './format.ts';
import { settlePlace, type Placed } from '../geo/place.ts';

export interface ImportIssue {
  /** JSON Pointer into the posted document */
  path: string;
  message: string;
}

interface Classification {
  scheme?: string;
  id?: string | number;
}

interface OcdsItem extends LepaItemFields {
  id?: string;
  description?: string | null;
  classification?: Classification | null;
  additionalClassifications?: Classification[];
  quantity?: number | null;
  relatedLot?: string | null;
  deliveryLocation?: { geometry?: { type?: string; coordinates?: number[] } };
  deliveryAddress?: { postalCode?: string };
}

interface Period {
  startDate?: string | null;
  endDate?: string | null;
}

interface OcdsLot {
  id: string;
  title?: string | null;
  contractPeriod?: Period;
  x_lepa?: LepaLotFields;
}

interface OcdsRelease {
  tender?: {
    title?: string | null;
    contractPeriod?: Period;
    items?: OcdsItem[];
    lots?: OcdsLot[];
    x_lepa?: LepaLotFields;
  };
}

/** The calendar day of an OCDS date-time, in UTC (Lepa windows start and end at midnight UTC). */
function day(dateTime: string | null | undefined): string | undefined {
  if (!dateTime) return undefined;
  const time = Date.parse(dateTime);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

function itemLocation(items: readonly OcdsItem[]): { lat: number; lon: number } | undefined {
  for (const item of items) {
    const coordinates = item.deliveryLocation?.geometry?.coordinates;
    if (item.deliveryLocation?.geometry?.type === 'Point' && coordinates && coordinates.length >= 2) {
      return { lon: coordinates[0]!, lat: coordinates[1]! };
    }
  }
  return undefined;
}

function lotFrom(
  release: OcdsRelease,
  lot: OcdsLot | undefined,
  releasePath: string,
  lotPath: string,
  issues: ImportIssue[],
  today: string,
): Placed<LotInput> | undefined {
  const tender = release.tender!;
  const all = (tender.items ?? []).map((item, index) => ({ item, path: `${releasePath}/tender/items/${index}` }));
  // Items without relatedLot apply to the whole tender, so to every lot.
  const mine = all.filter(({ item }) => !lot || !item.relatedLot || item.relatedLot === lot.id);
  const before = issues.length;

  const quantities = new Map<Skill, number>();
  const certifications = new Map<Skill, Set<string>>();
  for (const { item, path } of mine) {
    const cpv =
      item.classification?.scheme === CPV_SCHEME && item.classification.id !== undefined
        ? String(item.classification.id)
        : undefined;
    const skillCode = item.additionalClassifications?.find((c) => c.scheme === SKILL_SCHEME)?.id;
    const match = skillForItem(
      cpv,
      item.description ?? undefined,
      skillCode === undefined ? undefined : String(skillCode),
    );
    if ('problem' in match) {
      issues.push({ path, message: `cannot be mapped to a skill: ${match.problem}` });
      continue;
    }
    if (typeof item.quantity !== 'number' || !Number.isInteger(item.quantity) || item.quantity < 1) {
      issues.push({ path: `${path}/quantity`, message: 'must be a whole number of units, at least 1' });
      continue;
    }
    quantities.set(match.skill, (quantities.get(match.skill) ?? 0) + item.quantity);
    const schemes = certifications.get(match.skill) ?? new Set<string>();
    for (const scheme of item.x_lepaCertifications ?? []) schemes.add(scheme);
    certifications.set(match.skill, schemes);
  }
  if (mine.length === 0)
    issues.push({
      path: lot ? lotPath : `${releasePath}/tender/items`,
      message: 'has no items: a lot needs at least one skill',
    });

  const lepa: LepaLotFields = { ...tender.x_lepa, ...lot?.x_lepa };
  const period = lot?.contractPeriod ?? tender.contractPeriod;
  const periodPath = lot?.contractPeriod ? `${lotPath}/contractPeriod` : `${releasePath}/tender/contractPeriod`;
  const startDate = day(period?.startDate);
  const endDate = day(period?.endDate);
  if (!startDate)
    issues.push({ path: `${periodPath}/startDate`, message: 'is required: the window the work happens in' });
  if (!endDate) issues.push({ path: `${periodPath}/endDate`, message: 'is required: the window the work happens in' });
  const location = lepa.location ?? itemLocation(mine.map((m) => m.item));
  const addressed = mine.find(({ item }) => item.deliveryAddress?.postalCode);
  const postcode = lepa.postcode ?? addressed?.item.deliveryAddress?.postalCode;
  const postcodePath = lepa.postcode
    ? `${lot ? lotPath : `${releasePath}/tender`}/x_lepa/postcode`
    : `${addressed?.path}/deliveryAddress/postalCode`;
  if (!location && !postcode) {
    issues.push({
      path: `${releasePath}/tender/items/0/deliveryLocation`,
      message:
        'is required (a Point), or a deliveryAddress with a postalCode: Lepa matches firms by distance to the work',
    });
  }
  const title = lot?.title ?? tender.title;
  if (!title) issues.push({ path: lot ? `${lotPath}/title` : `${releasePath}/tender/title`, message: 'is required' });
  if (issues.length > before) return undefined;

  const input: LotInput = {
    title: title!,
    ...(postcode ? { postcode } : {}),
    ...(location ? { location } : {}),
    // Without Lepa's own field, one coordinator unit per home is the usual shape of a retrofit lot.
    homes: lepa.homes ?? Math.max(...quantities.values()),
    startDate: startDate!,
    endDate: endDate!,
    requirements: [...quantities].map(([skill, quantity]) => {
      const extra = [...(certifications.get(skill) ?? [])];
      return extra.length > 0
        ? { skill, quantity, certifications: extra as CertificationScheme[] }
        : { skill, quantity };
    }),
    ...(lepa.maxMembers === undefined ? {} : { maxMembers: lepa.maxMembers }),
    ...(lepa.maxDistanceKm === undefined ? {} : { maxDistanceKm: lepa.maxDistanceKm }),
    ...(lepa.socialValueWeight === undefined ? {} : { socialValueWeight: lepa.socialValueWeight }),
    ...(lepa.travelCostPerUnitKm === undefined ? {} : { travelCostPerUnitKm: lepa.travelCostPerUnitKm }),
    ...(lepa.coordinationCostPerMember === undefined
      ? {}
      : { coordinationCostPerMember: lepa.coordinationCostPerMember }),
  };
  const invalid = [
    ...[...Value.Errors(LotInput, input)].map((error) => ({
      field: error.instancePath.slice(1).replace(/\//g, '.') || 'lot',
      message: error.message,
    })),
    ...lotInputIssues(input, { today }),
  ];
  for (const problem of invalid)
    issues.push({
      path: lot ? lotPath : `${releasePath}/tender`,
      message: `gives a lot whose ${problem.field} ${problem.message}`,
    });
  if (invalid.length > 0) return undefined;
  // The postcode places the lot when no point is given; a postcode that is no real one is refused either way.
  const place = settlePlace(input);
  if ('issues' in place) {
    for (const problem of place.issues) issues.push({ path: postcodePath, message: `(postcode) ${problem.message}` });
    return undefined;
  }
  return place.placed;
}

/** The lots a (schema-valid) release package describes, or every problem found; none may start before `today`. */
export function lotsFromPackage(
  document: { releases: OcdsRelease[] },
  today: string,
): {
  lots: Placed<LotInput>[];
  issues: ImportIssue[];
} {
  const issues: ImportIssue[] = [];
  const lots: Placed<LotInput>[] = [];
  document.releases.forEach((release, r) => {
    const releasePath = `/releases/${r}`;
    if (!release.tender) {
      issues.push({ path: releasePath, message: 'has no tender to import' });
      return;
    }
    const tenderLots = release.tender.lots ?? [];
    const targets =
      tenderLots.length > 0
        ? tenderLots.map((lot, l) => ({ lot, path: `${releasePath}/tender/lots/${l}` }))
        : [{ lot: undefined, path: `${releasePath}/tender` }];
    for (const target of targets) {
      const lot = lotFrom(release, target.lot, releasePath, target.path, issues, today);
      if (lot) lots.push(lot);
    }
  });
  return { lots, issues };
}
