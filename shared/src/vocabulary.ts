/** The exact codes of DESIGN.md; the API and the database speak these and nothing else. */

export const SKILLS = [
  'retrofit-assessor',
  'retrofit-coordinator',
  'retrofit-designer',
  'retrofit-evaluator',
  'cavity-wall-insulation',
  'external-wall-insulation',
  'internal-wall-insulation',
  'loft-insulation',
  'room-in-roof-insulation',
  'flat-roof-insulation',
  'underfloor-insulation',
  'draught-proofing',
  'windows-doors',
  'ventilation',
  'air-source-heat-pump',
  'ground-source-heat-pump',
  'solar-pv',
  'battery-storage',
  'heating-controls',
  'electrical',
  'scaffolding',
  'roofing',
] as const;
export type Skill = (typeof SKILLS)[number];

export const CERTIFICATION_SCHEMES = [
  'trustmark',
  'pas-2030',
  'pas-2035',
  'mcs',
  'niceic',
  'napit',
  'gas-safe',
  'chas',
  'constructionline',
  'iso-9001',
] as const;
export type CertificationScheme = (typeof CERTIFICATION_SCHEMES)[number];

export const OWNERSHIPS = ['independent', 'social-enterprise', 'co-operative', 'employee-owned', 'subsidiary'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

export const ROLES = ['sme', 'provider'] as const;
export type Role = (typeof ROLES)[number];

export const LOT_STATUSES = ['open', 'closed', 'awarded'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];

/**
 * What a member must hold to supply a skill by default. Each inner array is
 * one requirement satisfied by any scheme in it (electrical: niceic or napit);
 * every requirement must be met. A lot may add schemes per skill.
 */
export const DEFAULT_CERTIFICATIONS: Readonly<Record<Skill, readonly (readonly CertificationScheme[])[]>> = {
  'retrofit-assessor': [['pas-2035']],
  'retrofit-coordinator': [['pas-2035']],
  'retrofit-designer': [['pas-2035']],
  'retrofit-evaluator': [['pas-2035']],
  'cavity-wall-insulation': [['pas-2030']],
  'external-wall-insulation': [['pas-2030']],
  'internal-wall-insulation': [['pas-2030']],
  'loft-insulation': [['pas-2030']],
  'room-in-roof-insulation': [['pas-2030']],
  'flat-roof-insulation': [['pas-2030']],
  'underfloor-insulation': [['pas-2030']],
  'draught-proofing': [['pas-2030']],
  'windows-doors': [['pas-2030']],
  ventilation: [['pas-2030']],
  'heating-controls': [['pas-2030']],
  'air-source-heat-pump': [['mcs']],
  'ground-source-heat-pump': [['mcs']],
  'solar-pv': [['mcs']],
  'battery-storage': [['mcs']],
  electrical: [['niceic', 'napit']],
  scaffolding: [],
  roofing: [],
};

/** The skill whose holder is never split and becomes the consortium's lead. */
export const COORDINATOR_SKILL: Skill = 'retrofit-coordinator';

export const LOT_DEFAULTS = {
  maxMembers: 6,
  socialValueWeight: 1,
  travelCostPerUnitKm: 2,
  coordinationCostPerMember: 5000,
  maxDistanceKm: null,
} as const;

export const EARTH_RADIUS_KM = 6371.0088;

export const SKILL_LABELS: Readonly<Record<Skill, string>> = {
  'retrofit-assessor': 'Retrofit assessor',
  'retrofit-coordinator': 'Retrofit coordinator',
  'retrofit-designer': 'Retrofit designer',
  'retrofit-evaluator': 'Retrofit evaluator',
  'cavity-wall-insulation': 'Cavity wall insulation',
  'external-wall-insulation': 'External wall insulation',
  'internal-wall-insulation': 'Internal wall insulation',
  'loft-insulation': 'Loft insulation',
  'room-in-roof-insulation': 'Room-in-roof insulation',
  'flat-roof-insulation': 'Flat roof insulation',
  'underfloor-insulation': 'Underfloor insulation',
  'draught-proofing': 'Draught-proofing',
  'windows-doors': 'Windows and doors',
  ventilation: 'Ventilation',
  'air-source-heat-pump': 'Air source heat pump',
  'ground-source-heat-pump': 'Ground source heat pump',
  'solar-pv': 'Solar PV',
  'battery-storage': 'Battery storage',
  'heating-controls': 'Heating controls',
  electrical: 'Electrical',
  scaffolding: 'Scaffolding',
  roofing: 'Roofing',
};

export const SCHEME_LABELS: Readonly<Record<CertificationScheme, string>> = {
  trustmark: 'TrustMark',
  'pas-2030': 'PAS 2030',
  'pas-2035': 'PAS 2035',
  mcs: 'MCS',
  niceic: 'NICEIC',
  napit: 'NAPIT',
  'gas-safe': 'Gas Safe',
  chas: 'CHAS',
  constructionline: 'Constructionline',
  'iso-9001': 'ISO 9001',
};

/** Kinds of mail an account can switch off (password-reset mail always goes). */
export const MAIL_KINDS = [
  'invitation',
  'invitation-answer',
  'bid-submitted',
  'award-outcome',
  'new-lots',
  'certificate-expiring',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_KIND_LABELS: Readonly<Record<MailKind, string>> = {
  invitation: 'Invitations to join a consortium',
  'invitation-answer': 'Members accepting or declining your invitations',
  'bid-submitted': 'Bids submitted',
  'award-outcome': 'Award decisions',
  'new-lots': 'New open lots your firms could work on (at most one mail a day)',
  'certificate-expiring': 'Certificates expiring within 30 days',
};
