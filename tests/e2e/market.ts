import type { SmeInput } from '@lepa/shared';
import { lotInput, smeInput } from '../support/fixtures.ts';

/** A small north Birmingham market: enough firms for several ranked proposals with different members. */
export const MARKET: SmeInput[] = [
  smeInput(),
  smeInput({
    name: 'Erdington Insulation Co-operative',
    postcode: 'B24 9DX',
    location: { lat: 52.5186, lon: -1.8193 },
    ownership: 'co-operative',
    employees: 12,
    capabilities: [
      { skill: 'cavity-wall-insulation', capacityPerMonth: 30, unitPrice: 420 },
      { skill: 'loft-insulation', capacityPerMonth: 25, unitPrice: 480 },
    ],
    certifications: [{ scheme: 'pas-2030', reference: 'PAS30-1201', expires: '2029-12-31' }],
    socialValue: { realLivingWage: true, apprentices: 2, localEmployeesPct: 90, charterSignatory: false },
  }),
  smeInput({
    name: 'Sutton Retrofit Partners',
    postcode: 'B73 6AA',
    location: { lat: 52.565, lon: -1.823 },
    ownership: 'employee-owned',
    employees: 4,
    capabilities: [{ skill: 'retrofit-coordinator', capacityPerMonth: 30, unitPrice: 350 }],
    certifications: [{ scheme: 'pas-2035', reference: 'PAS35-0042', expires: '2030-03-31' }],
    socialValue: { realLivingWage: true, apprentices: 0, localEmployeesPct: 100, charterSignatory: true },
  }),
  smeInput({
    name: 'Handsworth Home Energy',
    postcode: 'B21 9RY',
    location: { lat: 52.5105, lon: -1.9295 },
    ownership: 'subsidiary',
    employees: 60,
    capabilities: [{ skill: 'cavity-wall-insulation', capacityPerMonth: 20, unitPrice: 390 }],
    certifications: [{ scheme: 'pas-2030', expires: '2031-01-31' }],
    socialValue: { realLivingWage: false, apprentices: 3, localEmployeesPct: 40, charterSignatory: false },
  }),
  smeInput({
    name: 'Perry Barr Draughtproofing',
    postcode: 'B42 2LR',
    location: { lat: 52.5308, lon: -1.9028 },
    employees: 6,
    capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 40, unitPrice: 500 }],
    certifications: [{ scheme: 'pas-2030', expires: '2030-09-30' }],
    socialValue: { realLivingWage: true, apprentices: 1, localEmployeesPct: 70, charterSignatory: true },
  }),
];

export const MARKET_LOT = lotInput({
  title: 'Erdington and Kingstanding whole-house lot',
  requirements: [
    { skill: 'retrofit-coordinator', quantity: 20 },
    { skill: 'loft-insulation', quantity: 20 },
    { skill: 'cavity-wall-insulation', quantity: 20 },
  ],
});

/** Nobody in MARKET installs heat pumps, so this lot shows the "why not coverable" panel. */
export const UNCOVERABLE_LOT = lotInput({
  title: 'Castle Vale heat pump lot',
  postcode: 'B35 7PR',
  location: { lat: 52.5196, lon: -1.7885 },
  requirements: [
    { skill: 'retrofit-coordinator', quantity: 10 },
    { skill: 'air-source-heat-pump', quantity: 10 },
  ],
});
