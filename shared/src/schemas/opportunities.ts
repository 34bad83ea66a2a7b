import { Type, type Static } from 'typebox';
import { Id, IsoDate, Location } from './common.ts';
import { LocationSource } from './geo.ts';
import { SchemeCode, SkillCode } from './smes.ts';

export const OpportunityStatus = Type.Enum(['proposed', 'eligible', 'near-miss'], {
  description:
    "proposed: in one of the lot's proposals; eligible: could supply one of its skills but is in no proposal; near-miss: one change away from eligible",
});
export type OpportunityStatus = Static<typeof OpportunityStatus>;

/** One concrete change to the firm's profile and what it would do, by the published scoring model. */
export const OpportunityHint = Type.Object({
  kind: Type.Enum(['certification', 'capacity', 'radius', 'unit-price']),
  skill: SkillCode,
  /** the new value, in the profile's own terms */
  change: Type.Object({
    scheme: Type.Optional(SchemeCode),
    expires: Type.Optional(IsoDate),
    capacityPerMonth: Type.Optional(Type.Integer()),
    serviceRadiusKm: Type.Optional(Type.Number()),
    unitPrice: Type.Optional(Type.Number()),
  }),
  effect: Type.Enum(['eligible', 'proposal'], {
    description:
      'eligible: the firm could be proposed for the lot; proposal: the firm would be a member of proposal `rank`',
  }),
  rank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  message: Type.String({ description: 'e.g. "renew MCS (expired 2 Oct 2026) → you would be eligible"' }),
});
export type OpportunityHint = Static<typeof OpportunityHint>;

export const Opportunity = Type.Object({
  lot: Type.Object({
    id: Id,
    title: Type.String(),
    postcode: Type.Union([Type.String(), Type.Null()]),
    location: Location,
    locationSource: LocationSource,
    startDate: IsoDate,
    endDate: IsoDate,
    skills: Type.Array(SkillCode, { description: "All the lot's required skills" }),
  }),
  distanceKm: Type.Number({ description: 'From the firm to the lot, great-circle, to 10 m' }),
  /** the lot's skills the firm offers */
  skills: Type.Array(SkillCode),
  status: OpportunityStatus,
  bestRank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: 'The best rank of a proposal the firm is in, when proposed',
  }),
  hints: Type.Array(OpportunityHint),
});
export type Opportunity = Static<typeof Opportunity>;

export const OpportunityPage = Type.Object(
  {
    smeId: Id,
    items: Type.Array(Opportunity),
    nextCursor: Type.Null({ description: 'Every lot within reach comes in one page' }),
  },
  { description: 'Open lots the firm could reach or nearly reach, nearest first' },
);
export type OpportunityPage = Static<typeof OpportunityPage>;

interface HintableProfile {
  serviceRadiusKm: number;
  capabilities: readonly { skill: string; capacityPerMonth: number; unitPrice: number }[];
  certifications: readonly { scheme: string; expires: string }[];
}

/**
 * The profile with a hint's change made: what the firm would save to follow it.
 * A renewed certificate keeps its reference; a new one is added.
 */
export function withHintApplied<T extends HintableProfile>(profile: T, hint: OpportunityHint): T {
  const { change } = hint;
  const capabilities = profile.capabilities.map((c) =>
    c.skill !== hint.skill
      ? c
      : {
          ...c,
          ...(change.capacityPerMonth === undefined ? {} : { capacityPerMonth: change.capacityPerMonth }),
          ...(change.unitPrice === undefined ? {} : { unitPrice: change.unitPrice }),
        },
  );
  let certifications = profile.certifications;
  if (change.scheme && change.expires) {
    const { scheme, expires } = change;
    certifications = certifications.some((c) => c.scheme === scheme)
      ? certifications.map((c) => (c.scheme === scheme && c.expires < expires ? { ...c, expires } : c))
      : [...certifications, { scheme, expires }];
  }
  return {
    ...profile,
    serviceRadiusKm: change.serviceRadiusKm ?? profile.serviceRadiusKm,
    capabilities,
    certifications,
  };
}
