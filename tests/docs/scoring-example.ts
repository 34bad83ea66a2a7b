/** The worked example of docs/scoring-model.md: a small lot and three firms, solved by the real engine. */
import type { EngineFirm, EngineInput } from '@lepa/engine';

const certified = (...schemes: ('pas-2035' | 'pas-2030')[]) =>
  schemes.map((scheme) => ({ scheme, expires: '2030-01-31' }));

export const exampleFirms: EngineFirm[] = [
  {
    id: 'perry-barr',
    name: 'Perry Barr Retrofit',
    location: { lat: 52.5366, lon: -1.9003 },
    serviceRadiusKm: 30,
    employees: 12,
    ownership: 'independent',
    capabilities: [
      { skill: 'retrofit-coordinator', capacityPerMonth: 100, unitPrice: 400 },
      { skill: 'loft-insulation', capacityPerMonth: 20, unitPrice: 560 },
    ],
    certifications: certified('pas-2035', 'pas-2030'),
    socialValue: { realLivingWage: true, apprentices: 0, localEmployeesPct: 80, charterSignatory: false },
  },
  {
    id: 'kingstanding',
    name: 'Kingstanding Lofts',
    location: { lat: 52.5436, lon: -1.8865 },
    serviceRadiusKm: 20,
    employees: 6,
    ownership: 'co-operative',
    capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 550 }],
    certifications: certified('pas-2030'),
    socialValue: { realLivingWage: true, apprentices: 2, localEmployeesPct: 90, charterSignatory: true },
  },
  {
    id: 'solihull',
    name: 'Solihull Insulation',
    location: { lat: 52.4118, lon: -1.7776 },
    serviceRadiusKm: 40,
    employees: 45,
    ownership: 'subsidiary',
    capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 50, unitPrice: 500 }],
    certifications: certified('pas-2030'),
    socialValue: { realLivingWage: false, apprentices: 0, localEmployeesPct: 40, charterSignatory: false },
  },
];

export const exampleInput: EngineInput = {
  lot: {
    id: 'aston-lofts',
    location: { lat: 52.5037, lon: -1.8904 },
    startDate: '2027-03-01',
    endDate: '2027-03-31',
    requirements: [
      { skill: 'retrofit-coordinator', quantity: 40, certifications: [] },
      { skill: 'loft-insulation', quantity: 40, certifications: [] },
    ],
    maxMembers: 6,
    maxDistanceKm: null,
    socialValueWeight: 1,
    travelCostPerUnitKm: 2,
    coordinationCostPerMember: 5000,
  },
  firms: exampleFirms,
  booked: [],
};
