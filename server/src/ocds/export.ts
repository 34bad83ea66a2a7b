/** A lot as an OCDS 1.1 release package: tender, its lot, items with CPV codes, the award once awarded. */
import { CPV_LABELS, CPV_SCHEME, SKILL_CPV, SKILL_LABELS, SKILL_SCHEME, windowDays, type Lot } from '@lepa/shared';
import type { Consortium } from '@lepa/shared';
import { LOT_REF, OCDS_EXTENSIONS, OCID_PREFIX, TENDER_STATUS, toDateTime, type LepaLotFields } from './format.ts';

export interface ExportInput {
  lot: Lot;
  buyer: { id: string; name: string };
  /** The awarded bid, when there is one. */
  award: Consortium | undefined;
  /** The package's own URI: where it was fetched from. */
  uri: string;
  now: Date;
}

export function releasePackage({ lot, buyer, award, uri, now }: ExportInput) {
  const period = {
    startDate: toDateTime(lot.startDate),
    endDate: toDateTime(lot.endDate),
    durationInDays: windowDays(lot.startDate, lot.endDate),
  };
  const buyerRef = { id: buyer.id, name: buyer.name };
  const lepa: LepaLotFields = {
    homes: lot.homes,
    postcode: lot.postcode,
    location: lot.location,
    maxMembers: lot.maxMembers,
    maxDistanceKm: lot.maxDistanceKm,
    socialValueWeight: lot.socialValueWeight,
    travelCostPerUnitKm: lot.travelCostPerUnitKm,
    coordinationCostPerMember: lot.coordinationCostPerMember,
  };
  const items = lot.requirements.map((requirement) => ({
    id: requirement.skill,
    description: SKILL_LABELS[requirement.skill],
    classification: {
      scheme: CPV_SCHEME,
      id: SKILL_CPV[requirement.skill],
      description: CPV_LABELS[SKILL_CPV[requirement.skill]],
    },
    additionalClassifications: [
      { scheme: SKILL_SCHEME, id: requirement.skill, description: SKILL_LABELS[requirement.skill] },
    ],
    quantity: requirement.quantity,
    unit: { name: 'unit' },
    relatedLot: LOT_REF,
    deliveryLocation: { geometry: { type: 'Point', coordinates: [lot.location.lon, lot.location.lat] } },
    ...(lot.postcode ? { deliveryAddress: { postalCode: lot.postcode } } : {}),
    ...(requirement.certifications.length > 0 ? { x_lepaCertifications: requirement.certifications } : {}),
  }));

  const release = {
    ocid: `${OCID_PREFIX}-${lot.id}`,
    id: `${lot.id}-v${lot.version}`,
    date: lot.updatedAt,
    tag: award ? ['tender', 'award'] : ['tender'],
    initiationType: 'tender',
    language: 'en',
    parties: [
      { id: buyer.id, name: buyer.name, roles: ['buyer', 'procuringEntity'] },
      ...(award?.members ?? []).map((member) => ({ id: member.smeId, name: member.name, roles: ['supplier'] })),
    ],
    buyer: buyerRef,
    tender: {
      id: lot.id,
      title: lot.title,
      description: `Energy retrofit of ${lot.homes} homes.`,
      status: TENDER_STATUS[lot.status],
      procuringEntity: buyerRef,
      mainProcurementCategory: 'works',
      contractPeriod: period,
      items,
      lots: [
        { id: LOT_REF, title: lot.title, status: TENDER_STATUS[lot.status], contractPeriod: period, x_lepa: lepa },
      ],
    },
    ...(award
      ? {
          awards: [
            {
              id: award.id,
              title: `Consortium led by ${award.members[0]?.name ?? award.lead}`,
              status: 'active',
              date: award.updatedAt,
              // What the firms are paid (Σ unit price × units); the scoring-model cost only ranks bids.
              description: `Cost under Lepa's published scoring model: GBP ${award.cost.toFixed(2)}.`,
              value: { amount: award.socialValue.contractValue, currency: 'GBP' },
              suppliers: award.members.map((member) => ({ id: member.smeId, name: member.name })),
              relatedLots: [LOT_REF],
              contractPeriod: period,
            },
          ],
        }
      : {}),
  };
  return {
    uri,
    version: '1.1',
    publishedDate: now.toISOString(),
    publisher: { name: 'Lepa' },
    extensions: OCDS_EXTENSIONS,
    releases: [release],
  };
}
