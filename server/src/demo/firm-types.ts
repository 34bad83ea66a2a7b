import type { CertificationScheme, Skill } from '@lepa/shared';

/** A kind of firm found in the regional retrofit supply chain and the skills it plausibly mixes. */
export interface FirmType {
  id: string;
  /** Relative share of the region's firms. */
  weight: number;
  /** Skills every firm of this kind offers. */
  core: readonly Skill[];
  /** Skills some firms of this kind add, with the chance of each. */
  optional: readonly (readonly [Skill, number])[];
  /** Certifications beyond what the skills need (see DEFAULT_CERTIFICATIONS), with the chance of each. */
  extraCertifications: readonly (readonly [CertificationScheme, number])[];
  /** Words that describe the trade in a firm's name. */
  tradeNames: readonly string[];
  serviceRadiusKm: readonly [number, number];
  /** Only these towns, when the trade is local to a part of the region. */
  towns?: readonly string[];
}

/*
 * Two showcase lots rely on these mixes (see showcase-lots.ts):
 * - no type offers retrofit-coordinator together with air-source-heat-pump, so
 *   no single firm can do the Wood End whole-house pilot;
 * - ground-source-heat-pump only comes from the ground-source type, based in the
 *   south of the region with a reach too short for Brownhills.
 */
export const FIRM_TYPES: readonly FirmType[] = [
  {
    id: 'insulation',
    weight: 20,
    core: ['loft-insulation', 'cavity-wall-insulation'],
    optional: [
      ['draught-proofing', 0.6],
      ['underfloor-insulation', 0.3],
      ['room-in-roof-insulation', 0.25],
      ['internal-wall-insulation', 0.25],
      ['external-wall-insulation', 0.2],
      ['flat-roof-insulation', 0.2],
      ['ventilation', 0.3],
    ],
    extraCertifications: [
      ['trustmark', 0.65],
      ['chas', 0.3],
      ['constructionline', 0.15],
    ],
    tradeNames: ['Loft & Cavity', 'Insulation', 'Insulation Services', 'Warm Homes', 'Thermal', 'Energy Saving'],
    serviceRadiusKm: [15, 45],
  },
  {
    id: 'solid-wall',
    weight: 6,
    core: ['external-wall-insulation', 'internal-wall-insulation'],
    optional: [
      ['scaffolding', 0.4],
      ['draught-proofing', 0.3],
      ['ventilation', 0.2],
    ],
    extraCertifications: [
      ['trustmark', 0.7],
      ['chas', 0.4],
      ['constructionline', 0.3],
    ],
    tradeNames: ['Wall Insulation', 'Render & Insulation', 'Solid Wall Solutions', 'Facades'],
    serviceRadiusKm: [25, 60],
  },
  {
    id: 'heat-pump',
    weight: 14,
    core: ['air-source-heat-pump', 'heating-controls'],
    optional: [
      ['solar-pv', 0.35],
      ['battery-storage', 0.25],
      ['electrical', 0.3],
      ['ventilation', 0.15],
    ],
    extraCertifications: [
      ['gas-safe', 0.5],
      ['trustmark', 0.5],
      ['chas', 0.2],
    ],
    tradeNames: ['Heat Pumps', 'Heating & Renewables', 'Renewables', 'Plumbing & Heat Pumps', 'Heating Services'],
    serviceRadiusKm: [15, 50],
  },
  {
    id: 'solar',
    weight: 8,
    core: ['solar-pv', 'battery-storage'],
    optional: [
      ['electrical', 0.6],
      ['air-source-heat-pump', 0.2],
    ],
    extraCertifications: [
      ['trustmark', 0.4],
      ['chas', 0.2],
    ],
    tradeNames: ['Solar', 'Solar & Battery', 'Sun Energy', 'PV Installations'],
    serviceRadiusKm: [20, 60],
  },
  {
    id: 'electrician',
    weight: 14,
    core: ['electrical'],
    optional: [
      ['heating-controls', 0.3],
      ['solar-pv', 0.2],
      ['battery-storage', 0.15],
      ['ventilation', 0.2],
    ],
    extraCertifications: [
      ['trustmark', 0.25],
      ['chas', 0.3],
      ['constructionline', 0.15],
    ],
    tradeNames: ['Electrical', 'Electrical Services', 'Electrics', 'Electrical Contractors'],
    serviceRadiusKm: [10, 35],
  },
  {
    id: 'roofer',
    weight: 10,
    core: ['roofing'],
    optional: [
      ['flat-roof-insulation', 0.5],
      ['loft-insulation', 0.3],
      ['scaffolding', 0.3],
      ['room-in-roof-insulation', 0.2],
    ],
    extraCertifications: [
      ['trustmark', 0.3],
      ['chas', 0.35],
      ['constructionline', 0.2],
    ],
    tradeNames: ['Roofing', 'Roofing & Building', 'Roofing Services', 'Slate & Tile'],
    serviceRadiusKm: [10, 40],
  },
  {
    id: 'scaffolder',
    weight: 6,
    core: ['scaffolding'],
    optional: [['roofing', 0.15]],
    extraCertifications: [
      ['chas', 0.6],
      ['constructionline', 0.4],
      ['iso-9001', 0.1],
    ],
    tradeNames: ['Scaffolding', 'Access & Scaffolding', 'Scaffold Services'],
    serviceRadiusKm: [15, 50],
  },
  {
    id: 'windows',
    weight: 9,
    core: ['windows-doors'],
    optional: [
      ['draught-proofing', 0.5],
      ['ventilation', 0.15],
    ],
    extraCertifications: [
      ['trustmark', 0.5],
      ['chas', 0.2],
    ],
    tradeNames: ['Windows & Doors', 'Glazing', 'Windows', 'Home Improvements'],
    serviceRadiusKm: [10, 40],
  },
  {
    id: 'multi-trade',
    weight: 10,
    core: ['loft-insulation', 'draught-proofing', 'ventilation'],
    optional: [
      ['retrofit-coordinator', 0.5],
      ['retrofit-assessor', 0.4],
      ['cavity-wall-insulation', 0.6],
      ['external-wall-insulation', 0.3],
      ['internal-wall-insulation', 0.3],
      ['heating-controls', 0.4],
      ['windows-doors', 0.3],
      ['underfloor-insulation', 0.3],
      ['room-in-roof-insulation', 0.2],
      ['scaffolding', 0.15],
    ],
    extraCertifications: [
      ['trustmark', 0.75],
      ['chas', 0.4],
      ['constructionline', 0.3],
      ['iso-9001', 0.1],
    ],
    tradeNames: ['Retrofit', 'Home Energy', 'Retrofit Services', 'Eco Homes', 'Building & Retrofit'],
    serviceRadiusKm: [20, 50],
  },
  {
    id: 'consultancy',
    weight: 9,
    core: ['retrofit-assessor'],
    optional: [
      ['retrofit-coordinator', 0.75],
      ['retrofit-designer', 0.6],
      ['retrofit-evaluator', 0.4],
    ],
    extraCertifications: [
      ['trustmark', 0.6],
      ['iso-9001', 0.2],
      ['constructionline', 0.2],
    ],
    tradeNames: [
      'Retrofit Consultancy',
      'Retrofit Coordination',
      'Energy Assessors',
      'Sustainable Building Consultants',
      'Retrofit Design',
    ],
    serviceRadiusKm: [25, 60],
  },
  {
    id: 'ground-source',
    weight: 1.5,
    core: ['ground-source-heat-pump', 'air-source-heat-pump'],
    optional: [['heating-controls', 0.5]],
    extraCertifications: [['trustmark', 0.5]],
    tradeNames: ['Ground Energy', 'Earth Energy', 'Geothermal'],
    // Rural south of the region, where land for ground loops is cheap. Reach is
    // at most 40 km, and every firm here is at least 47 km from Brownhills.
    serviceRadiusKm: [20, 40],
    towns: ['Worcester', 'Stratford-upon-Avon', 'Leamington Spa'],
  },
];
