import type { LotInput } from '@lepa/shared';
import { monthWindow } from './dates.ts';
import type { GeneratedLot } from './lots.ts';
import { neighbourhood } from './providers.ts';

/** Titles of the lots built to be not coverable, so a provider sees every kind of "why not". */
export const NOT_COVERABLE_LOT_TITLES = {
  groundSource: 'Brownhills off-gas bungalows: ground source heat pumps',
  nearbyOnly: 'Meriden village almshouses: firms based within 3 km only',
  overCapacity: 'Ladywood tower blocks: external wall insulation for 400 homes in one month',
  singleContractor: 'Wood End whole-house pilot: one contractor for every measure',
} as const;

/** Neighbourhoods the showcase lots take, kept free of ordinary lots. */
export const SHOWCASE_PLACES: ReadonlySet<string> = new Set(['Brownhills', 'Meriden', 'Ladywood', 'Wood End']);

export function notCoverableLots(today: string): GeneratedLot[] {
  return [
    // Certification and distance: ground-source firms are based in Worcester,
    // Stratford and Leamington with at most 40 km reach (Brownhills is 47 km
    // or more away); the one in Cannock let its MCS lapse (notable-firms.ts).
    lot('provider4', 'Brownhills', {
      title: NOT_COVERABLE_LOT_TITLES.groundSource,
      postcode: 'WS8 6AU',
      homes: 24,
      ...monthWindow(today, 3, 4),
      requirements: [
        { skill: 'retrofit-coordinator', quantity: 24 },
        { skill: 'retrofit-assessor', quantity: 24 },
        { skill: 'retrofit-designer', quantity: 24 },
        { skill: 'ground-source-heat-pump', quantity: 24 },
        { skill: 'heating-controls', quantity: 24 },
        { skill: 'electrical', quantity: 12 },
      ],
    }),
    // Distance: every town firms are based in is 9 km or more from Meriden,
    // and firms are scattered at most 3.5 km from their town centre.
    lot('provider5', 'Meriden', {
      title: NOT_COVERABLE_LOT_TITLES.nearbyOnly,
      postcode: 'CV7 7LN',
      homes: 20,
      ...monthWindow(today, 4, 3),
      requirements: [
        { skill: 'retrofit-coordinator', quantity: 20 },
        { skill: 'retrofit-assessor', quantity: 20 },
        { skill: 'loft-insulation', quantity: 20 },
        { skill: 'cavity-wall-insulation', quantity: 14 },
        { skill: 'draught-proofing', quantity: 20 },
      ],
      maxDistanceKm: 3,
    }),
    // Capacity: the whole region delivers at most 150 EWI homes a month
    // (REGIONAL_MONTHLY_CAPACITY in firms.ts), far below 400 in February.
    lot('provider1', 'Ladywood', {
      title: NOT_COVERABLE_LOT_TITLES.overCapacity,
      postcode: 'B16 8TP',
      homes: 400,
      ...monthWindow(today, 2, 1),
      requirements: [
        { skill: 'retrofit-coordinator', quantity: 400 },
        { skill: 'retrofit-assessor', quantity: 400 },
        { skill: 'external-wall-insulation', quantity: 400 },
        { skill: 'scaffolding', quantity: 400 },
        { skill: 'ventilation', quantity: 400 },
      ],
    }),
    // Member limit: one member must do everything, but no firm offers the
    // coordinator role together with heat pumps (firm-types.ts).
    lot('provider3', 'Wood End', {
      title: NOT_COVERABLE_LOT_TITLES.singleContractor,
      postcode: 'CV2 1FX',
      homes: 60,
      ...monthWindow(today, 5, 5),
      requirements: [
        { skill: 'retrofit-coordinator', quantity: 60 },
        { skill: 'retrofit-assessor', quantity: 60 },
        { skill: 'retrofit-designer', quantity: 60 },
        { skill: 'external-wall-insulation', quantity: 30 },
        { skill: 'windows-doors', quantity: 60 },
        { skill: 'air-source-heat-pump', quantity: 60 },
        { skill: 'solar-pv', quantity: 30 },
        { skill: 'electrical', quantity: 60 },
        { skill: 'scaffolding', quantity: 30 },
      ],
      maxMembers: 1,
    }),
  ];
}

function lot(providerKey: string, place: string, input: Omit<LotInput, 'location'>): GeneratedLot {
  const { lat, lon } = neighbourhood(providerKey, place);
  return { providerKey, input: { ...input, location: { lat, lon } } };
}
