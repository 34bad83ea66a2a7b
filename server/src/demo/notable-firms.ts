import type { SmeInput } from '@lepa/shared';
import { certificate } from './certifications.ts';
import { addDays } from './dates.ts';
import { townNamed } from './towns.ts';
import type { Random } from './random.ts';

/**
 * Firms written by hand because the demo story depends on them.
 *
 * Kings Heath Retrofit Co-op is the lead a newcomer signs in as: a
 * PAS 2035 coordinator with room for a few lots at once, based centrally so
 * most Birmingham, Black Country and Solihull lots are within reach.
 */
export function kingsHeathRetrofitCoop(random: Random, today: string): SmeInput {
  const town = townNamed('Kings Heath');
  return {
    name: 'Kings Heath Retrofit Co-op',
    postcode: 'B14 7JZ',
    location: { lat: town.lat, lon: town.lon },
    serviceRadiusKm: 40,
    employees: 18,
    ownership: 'co-operative',
    // Priced keenly: the co-op competes on lean overheads, so it shows up in proposals.
    capabilities: [
      { skill: 'retrofit-coordinator', capacityPerMonth: 80, unitPrice: 345 },
      { skill: 'retrofit-assessor', capacityPerMonth: 80, unitPrice: 190 },
      { skill: 'loft-insulation', capacityPerMonth: 45, unitPrice: 480 },
      { skill: 'cavity-wall-insulation', capacityPerMonth: 35, unitPrice: 720 },
      { skill: 'draught-proofing', capacityPerMonth: 60, unitPrice: 230 },
      { skill: 'ventilation', capacityPerMonth: 40, unitPrice: 690 },
    ],
    certifications: [
      certificate(random, 'pas-2035', addDays(today, 700)),
      certificate(random, 'pas-2030', addDays(today, 560)),
      certificate(random, 'trustmark', addDays(today, 900)),
      certificate(random, 'chas', addDays(today, 400)),
    ],
    socialValue: { realLivingWage: true, apprentices: 3, localEmployeesPct: 92, charterSignatory: true },
  };
}

/**
 * The only ground-source installer near Brownhills; its MCS certificate lapsed
 * two months ago, which is why the Brownhills lot cannot be covered.
 */
export function chaseGroundEnergy(random: Random, today: string): SmeInput {
  const town = townNamed('Cannock');
  return {
    name: 'Chase Ground Energy Ltd',
    postcode: 'WS11 1DB',
    location: { lat: town.lat, lon: town.lon },
    serviceRadiusKm: 30,
    employees: 6,
    ownership: 'independent',
    capabilities: [
      { skill: 'ground-source-heat-pump', capacityPerMonth: 2, unitPrice: 23500 },
      { skill: 'air-source-heat-pump', capacityPerMonth: 4, unitPrice: 8900 },
      { skill: 'heating-controls', capacityPerMonth: 12, unitPrice: 380 },
    ],
    certifications: [
      certificate(random, 'mcs', addDays(today, -60)),
      certificate(random, 'pas-2030', addDays(today, 480)),
      certificate(random, 'gas-safe', addDays(today, 300)),
    ],
    socialValue: { realLivingWage: false, apprentices: 1, localEmployeesPct: 100, charterSignatory: false },
  };
}
