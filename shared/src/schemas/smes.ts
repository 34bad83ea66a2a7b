import { Type, type Static } from 'typebox';
import { CERTIFICATION_SCHEMES, OWNERSHIPS, SKILLS } from '../vocabulary.ts';
import { Id, IsoDate, Location, PageQuery, Page, Postcode, Timestamp } from './common.ts';

export const SkillCode = Type.Enum([...SKILLS]);
export const SchemeCode = Type.Enum([...CERTIFICATION_SCHEMES]);
export const OwnershipCode = Type.Enum([...OWNERSHIPS]);

export const Capability = Type.Object(
  {
    skill: SkillCode,
    capacityPerMonth: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      description: 'Units the firm can deliver per 30 days.',
    }),
    unitPrice: Type.Number({
      minimum: 0,
      maximum: 1_000_000,
      description: 'GBP per unit, at most two decimals (whole pennies).',
    }),
  },
  { additionalProperties: false },
);
export type Capability = Static<typeof Capability>;

export const Certification = Type.Object(
  {
    scheme: SchemeCode,
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    expires: IsoDate,
  },
  { additionalProperties: false },
);
export type Certification = Static<typeof Certification>;

export const SocialValue = Type.Object(
  {
    realLivingWage: Type.Boolean(),
    apprentices: Type.Integer({ minimum: 0, maximum: 10_000 }),
    localEmployeesPct: Type.Number({ minimum: 0, maximum: 100 }),
    charterSignatory: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SocialValue = Static<typeof SocialValue>;

export const SmeInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    postcode: Type.Optional(Postcode),
    location: Location,
    serviceRadiusKm: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
    employees: Type.Integer({ minimum: 1, maximum: 100_000 }),
    ownership: OwnershipCode,
    capabilities: Type.Array(Capability, { minItems: 1, maxItems: 22 }),
    certifications: Type.Array(Certification, { maxItems: 30 }),
    socialValue: SocialValue,
  },
  { additionalProperties: false },
);
export type SmeInput = Static<typeof SmeInput>;

export const Sme = Type.Object({
  id: Id,
  ownerId: Id,
  name: Type.String(),
  postcode: Type.Union([Type.String(), Type.Null()]),
  location: Location,
  serviceRadiusKm: Type.Number(),
  employees: Type.Integer(),
  ownership: OwnershipCode,
  capabilities: Type.Array(Capability),
  certifications: Type.Array(
    Type.Object({ scheme: SchemeCode, reference: Type.Union([Type.String(), Type.Null()]), expires: IsoDate }),
  ),
  socialValue: SocialValue,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Sme = Static<typeof Sme>;

export const SmeQuery = Type.Object(
  {
    ...PageQuery,
    skill: Type.Optional(SkillCode),
    near: Type.Optional(
      Type.String({ pattern: '^-?\\d{1,2}(\\.\\d+)?,-?\\d{1,3}(\\.\\d+)?$', maxLength: 60, description: 'lat,lon' }),
    ),
    radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
    mine: Type.Optional(Type.Boolean({ description: "Only the caller's own firms." })),
  },
  { additionalProperties: false },
);
export type SmeQuery = Static<typeof SmeQuery>;

export const SmePage = Page(Sme);
