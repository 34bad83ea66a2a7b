import { Type, type Static } from 'typebox';
import { LOT_STATUSES } from '../vocabulary.ts';
import { Id, IsoDate, Location, Page, PageQuery, Postcode, Timestamp } from './common.ts';
import { SchemeCode, SkillCode } from './smes.ts';

export const Requirement = Type.Object(
  {
    skill: SkillCode,
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    certifications: Type.Optional(Type.Array(SchemeCode, { maxItems: 10, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type Requirement = Static<typeof Requirement>;

/**
 * `null` (no distance limit) written as `const`, not `type: "null"`, and tried first: the server's
 * validator coerces types, and would otherwise read a refused `0` as `null`, turning "0 km" into
 * "no limit" (or, tried second, a `null` already coerced to 0 by the number branch).
 */
const NoLimit = Type.Unsafe<null>({ const: null });

export const LotInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    postcode: Type.Optional(Postcode),
    location: Location,
    homes: Type.Integer({ minimum: 1, maximum: 100_000 }),
    startDate: IsoDate,
    endDate: IsoDate,
    requirements: Type.Array(Requirement, { minItems: 1, maxItems: 22 }),
    maxMembers: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    maxDistanceKm: Type.Optional(Type.Union([NoLimit, Type.Number({ exclusiveMinimum: 0, maximum: 1000 })])),
    socialValueWeight: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
    travelCostPerUnitKm: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1000, description: 'GBP per unit per km, at most two decimals.' }),
    ),
    coordinationCostPerMember: Type.Optional(
      Type.Number({ minimum: 0, maximum: 10_000_000, description: 'GBP per member, at most two decimals.' }),
    ),
  },
  { additionalProperties: false },
);
export type LotInput = Static<typeof LotInput>;

export const LotStatusCode = Type.Enum([...LOT_STATUSES]);

export const Lot = Type.Object({
  id: Id,
  ownerId: Id,
  title: Type.String(),
  postcode: Type.Union([Type.String(), Type.Null()]),
  location: Location,
  homes: Type.Integer(),
  startDate: IsoDate,
  endDate: IsoDate,
  requirements: Type.Array(
    Type.Object({ skill: SkillCode, quantity: Type.Integer(), certifications: Type.Array(SchemeCode) }),
  ),
  maxMembers: Type.Integer(),
  maxDistanceKm: Type.Union([Type.Number(), Type.Null()]),
  socialValueWeight: Type.Number(),
  travelCostPerUnitKm: Type.Number(),
  coordinationCostPerMember: Type.Number(),
  status: LotStatusCode,
  version: Type.Integer({ description: 'Grows whenever the lot itself changes.' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Lot = Static<typeof Lot>;

export const LotQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(LotStatusCode),
    mine: Type.Optional(Type.Boolean({ description: "Only the caller's own lots." })),
  },
  { additionalProperties: false },
);
export type LotQuery = Static<typeof LotQuery>;

export const LotPage = Page(Lot);
