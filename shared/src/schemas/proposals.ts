import { Type, type Static } from 'typebox';
import { Id } from './common.ts';
import { SchemeCode, SkillCode } from './smes.ts';

export const Assignment = Type.Object({
  skill: SkillCode,
  quantity: Type.Integer(),
  unitCost: Type.Number({ description: 'Effective unit cost c(s,k) in GBP, to the penny.' }),
  unitPrice: Type.Optional(
    Type.Number({
      description: 'The firm’s quoted unit price in GBP: what it is paid per unit (unitPrice × quantity).',
    }),
  ),
  socialValueDiscount: Type.Optional(
    Type.Number({
      description: 'unitPrice × socialValueWeight × sv × quantity, GBP to the penny: taken off for the ranking only.',
    }),
  ),
  travel: Type.Optional(
    Type.Number({
      description: 'travelCostPerUnitKm × distance × quantity, GBP to the penny: added for the ranking only.',
    }),
  ),
});
export type Assignment = Static<typeof Assignment>;

export const ProposalMember = Type.Object({
  smeId: Id,
  name: Type.String(),
  distanceKm: Type.Number(),
  assignments: Type.Array(Assignment),
});
export type ProposalMember = Static<typeof ProposalMember>;

export const SocialValueSummary = Type.Object(
  {
    contractValue: Type.Number({ description: 'Σ unitPrice × quantity, GBP' }),
    localSharePct: Type.Number({ description: '% of contract value to members within 25 km of the lot' }),
    microFirmSharePct: Type.Number({ description: '% to firms with fewer than 10 staff' }),
    smallFirmSharePct: Type.Number({ description: '% to firms with fewer than 50 staff' }),
    realLivingWageSharePct: Type.Number(),
    nonSubsidiarySharePct: Type.Number(),
    charterSignatorySharePct: Type.Number(),
    apprentices: Type.Integer(),
  },
  { description: 'Proportionate social value, derived from the members’ profiles only.' },
);
export type SocialValueSummary = Static<typeof SocialValueSummary>;

export const CostBreakdown = Type.Object({
  work: Type.Number(),
  socialValueDiscount: Type.Number(),
  travel: Type.Number(),
  coordination: Type.Number(),
});
export type CostBreakdown = Static<typeof CostBreakdown>;

export const Proposal = Type.Object({
  rank: Type.Integer({ minimum: 1 }),
  cost: Type.Number(),
  lead: Id,
  members: Type.Array(ProposalMember),
  socialValue: SocialValueSummary,
  breakdown: CostBreakdown,
  explanation: Type.Array(Type.String()),
});
export type Proposal = Static<typeof Proposal>;

export const UnmetReasonCode = Type.Enum(['no-firm', 'certification', 'distance', 'capacity', 'member-limit']);

export const Unmet = Type.Object({
  skill: Type.Union([SkillCode, Type.Null()]),
  required: Type.Number(),
  available: Type.Number(),
  shortfall: Type.Number(),
  reason: UnmetReasonCode,
  message: Type.String(),
  nearestKm: Type.Optional(Type.Number()),
  missingCertifications: Type.Optional(Type.Array(Type.Array(SchemeCode))),
  firmsNeeded: Type.Optional(Type.Integer()),
});
export type Unmet = Static<typeof Unmet>;

export const ProposalsAnswer = Type.Object({
  lotId: Id,
  version: Type.Integer({ description: 'Grows whenever something that can alter these proposals changes.' }),
  status: Type.Enum(['optimal', 'timedout'], {
    description: '"timedout": best found within the time budget, not proven optimal.',
  }),
  feasible: Type.Boolean(),
  proposals: Type.Array(Proposal),
  unmet: Type.Array(Unmet),
});
export type ProposalsAnswer = Static<typeof ProposalsAnswer>;

export const ProposalsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })) },
  { additionalProperties: false },
);
export type ProposalsQuery = Static<typeof ProposalsQuery>;
