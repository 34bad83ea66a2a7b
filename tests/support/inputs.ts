import { SKILLS } from '@lepa/shared';

/** The input with one path set to a value (or removed when value is undefined). */
export function withField(input: unknown, path: string, value: unknown): any {
  const copy = structuredClone(input) as any;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key];
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const allSkills = SKILLS.map((skill) => ({ skill, capacityPerMonth: 1, unitPrice: 1 }));

/** [field the 400 must name, path to change, value (undefined removes it)] */
export const INVALID_SME_FIELDS: [string, string, unknown][] = [
  ['name', 'name', ''],
  ['name', 'name', 'n'.repeat(121)],
  ['name', 'name', undefined],
  ['name', 'name', null],
  ['name', 'name', 'Aston\u0000Loft'],
  ['name', 'name', 'Aston \ud800'],
  ['postcode', 'postcode', 'B6 5RQ; drop table'],
  ['postcode', 'postcode', 'B'.repeat(11)],
  ['location', 'location', undefined],
  ['location', 'location', 'Birmingham'],
  ['location.lat', 'location.lat', 90.5],
  ['location.lat', 'location.lat', -91],
  ['location.lat', 'location.lat', 'north'],
  ['location.lat', 'location.lat', undefined],
  ['location.lon', 'location.lon', 180.01],
  ['location.lon', 'location.lon', -200],
  ['location.alt', 'location.alt', 100],
  ['serviceRadiusKm', 'serviceRadiusKm', 0],
  ['serviceRadiusKm', 'serviceRadiusKm', -5],
  ['serviceRadiusKm', 'serviceRadiusKm', 1000.5],
  ['employees', 'employees', 0],
  ['employees', 'employees', 2.5],
  ['employees', 'employees', 'eight'],
  ['ownership', 'ownership', 'plc'],
  ['ownership', 'ownership', undefined],
  ['capabilities', 'capabilities', []],
  ['capabilities', 'capabilities', [...allSkills, allSkills[0]]],
  ['capabilities', 'capabilities', undefined],
  ['capabilities.1.skill', 'capabilities.1.skill', 'plumbing'],
  ['capabilities.1.skill', 'capabilities.1.skill', 'retrofit-coordinator'],
  ['capabilities.0.capacityPerMonth', 'capabilities.0.capacityPerMonth', 0],
  ['capabilities.0.capacityPerMonth', 'capabilities.0.capacityPerMonth', 1.5],
  ['capabilities.0.capacityPerMonth', 'capabilities.0.capacityPerMonth', -3],
  ['capabilities.0.capacityPerMonth', 'capabilities.0.capacityPerMonth', 100_001],
  ['capabilities.1.unitPrice', 'capabilities.1.unitPrice', -0.01],
  ['capabilities.1.unitPrice', 'capabilities.1.unitPrice', 1_000_001],
  ['capabilities.1.unitPrice', 'capabilities.1.unitPrice', undefined],
  ['capabilities.0.discount', 'capabilities.0.discount', 5],
  ['certifications', 'certifications', undefined],
  ['certifications', 'certifications', Array.from({ length: 31 }, () => ({ scheme: 'mcs', expires: '2030-01-01' }))],
  ['certifications.0.scheme', 'certifications.0.scheme', 'bs-5250'],
  ['certifications.1.expires', 'certifications.1.expires', '2027-02-30'],
  ['certifications.1.expires', 'certifications.1.expires', '2027-13-01'],
  ['certifications.1.expires', 'certifications.1.expires', '31/01/2030'],
  ['certifications.1.expires', 'certifications.1.expires', '0000-01-01'],
  ['certifications.0.reference', 'certifications.0.reference', 'PAS\u0000'],
  ['certifications.1.expires', 'certifications.1.expires', undefined],
  ['certifications.0.reference', 'certifications.0.reference', ''],
  ['certifications.0.reference', 'certifications.0.reference', 'r'.repeat(61)],
  ['socialValue', 'socialValue', undefined],
  ['socialValue.realLivingWage', 'socialValue.realLivingWage', 'maybe'],
  ['socialValue.apprentices', 'socialValue.apprentices', -1],
  ['socialValue.apprentices', 'socialValue.apprentices', 1.5],
  ['socialValue.localEmployeesPct', 'socialValue.localEmployeesPct', 101],
  ['socialValue.localEmployeesPct', 'socialValue.localEmployeesPct', -1],
  ['socialValue.charterSignatory', 'socialValue.charterSignatory', undefined],
  ['socialValue.carbonNeutral', 'socialValue.carbonNeutral', true],
  ['website', 'website', 'https://example.test'],
];

const allRequirements = SKILLS.map((skill) => ({ skill, quantity: 1 }));

/** [field the 400 must name, path to change, value (undefined removes it)] */
export const INVALID_LOT_FIELDS: [string, string, unknown][] = [
  ['title', 'title', ''],
  ['title', 'title', 't'.repeat(201)],
  ['title', 'title', undefined],
  ['title', 'title', '\u0000'],
  ['title', 'title', 'Erdington \udc00'],
  ['postcode', 'postcode', '<script>'],
  ['location', 'location', undefined],
  ['location.lat', 'location.lat', 91],
  ['location.lon', 'location.lon', -180.5],
  ['location.lon', 'location.lon', undefined],
  ['homes', 'homes', 0],
  ['homes', 'homes', 2.5],
  ['homes', 'homes', 100_001],
  ['startDate', 'startDate', '2027-02-30'],
  ['startDate', 'startDate', '2027-3-1'],
  ['startDate', 'startDate', undefined],
  ['startDate', 'startDate', '0000-06-01'],
  ['endDate', 'endDate', '2027-02-29'],
  ['endDate', 'endDate', '2027-04-31'],
  ['endDate', 'endDate', 'next spring'],
  ['endDate', 'endDate', '2027-03-01'],
  ['endDate', 'endDate', '2027-02-01'],
  ['requirements', 'requirements', []],
  ['requirements', 'requirements', undefined],
  ['requirements', 'requirements', [...allRequirements, allRequirements[0]]],
  ['requirements.1.skill', 'requirements.1.skill', 'plastering'],
  ['requirements.1.skill', 'requirements.1.skill', 'retrofit-coordinator'],
  ['requirements.0.quantity', 'requirements.0.quantity', 0],
  ['requirements.0.quantity', 'requirements.0.quantity', 1.5],
  ['requirements.0.quantity', 'requirements.0.quantity', -2],
  ['requirements.0.quantity', 'requirements.0.quantity', 1_000_001],
  ['requirements.0.quantity', 'requirements.0.quantity', undefined],
  ['requirements.0.certifications.0', 'requirements.0.certifications', ['iso-14001']],
  ['requirements.0.certifications', 'requirements.0.certifications', ['mcs', 'mcs']],
  ['requirements.0.priority', 'requirements.0.priority', 1],
  ['maxMembers', 'maxMembers', 0],
  ['maxMembers', 'maxMembers', 21],
  ['maxMembers', 'maxMembers', 2.5],
  ['maxDistanceKm', 'maxDistanceKm', 0],
  ['maxDistanceKm', 'maxDistanceKm', 1001],
  ['socialValueWeight', 'socialValueWeight', -0.1],
  ['socialValueWeight', 'socialValueWeight', 11],
  ['travelCostPerUnitKm', 'travelCostPerUnitKm', -1],
  ['coordinationCostPerMember', 'coordinationCostPerMember', -1],
  ['coordinationCostPerMember', 'coordinationCostPerMember', 10_000_001],
  ['status', 'status', 'closed'],
  ['budget', 'budget', 1000000],
];

