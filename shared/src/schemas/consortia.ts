import { Type, type Static } from 'typebox';
import { Id, IsoDate, Page, PageQuery, Timestamp } from './common.ts';
import { Assignment, CostBreakdown, ProposalMember, SocialValueSummary } from './proposals.ts';
import { Certification, OwnershipCode, SkillCode } from './smes.ts';

export const CONSORTIUM_STATUSES = ['forming', 'submitted', 'withdrawn', 'awarded', 'lost'] as const;
export type ConsortiumStatus = (typeof CONSORTIUM_STATUSES)[number];
export const INVITATION_STATES = ['pending', 'accepted', 'declined'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export const ConsortiumStatusCode = Type.Enum([...CONSORTIUM_STATUSES]);
export const InvitationStateCode = Type.Enum([...INVITATION_STATES]);

const MemberIds = Type.Array(Id, { minItems: 1, maxItems: 20, uniqueItems: true });

export const CreateConsortiumBody = Type.Object(
  {
    fromProposal: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 20, description: 'Rank of a live proposal of the lot.' }),
    ),
    members: Type.Optional(MemberIds),
    leadSmeId: Type.Optional(Id),
  },
  {
    additionalProperties: false,
    description:
      'Exactly one of `fromProposal` or `members`. `leadSmeId` names the lead firm when the account owns several retrofit-coordinator firms; it is added to `members` when missing.',
  },
);
export type CreateConsortiumBody = Static<typeof CreateConsortiumBody>;

export const MembersBody = Type.Object(
  { members: MemberIds },
  { additionalProperties: false, description: 'The new member set; the lead stays a member whether listed or not.' },
);
export type MembersBody = Static<typeof MembersBody>;

export const InvitationAnswerBody = Type.Object(
  { smeId: Type.Optional(Id) },
  {
    additionalProperties: false,
    description: '`smeId` names the invited firm when the account owns several invited firms.',
  },
);
export type InvitationAnswerBody = Static<typeof InvitationAnswerBody>;

export const AwardBody = Type.Object({ consortiumId: Id }, { additionalProperties: false });
export type AwardBody = Static<typeof AwardBody>;

export const ConsortiumMember = Type.Object({
  smeId: Id,
  name: Type.String(),
  distanceKm: Type.Number(),
  invitation: InvitationStateCode,
  respondedAt: Type.Union([Timestamp, Type.Null()]),
  assignments: Type.Array(Assignment),
});
export type ConsortiumMember = Static<typeof ConsortiumMember>;

export const Consortium = Type.Object({
  id: Id,
  lotId: Id,
  lotTitle: Type.String(),
  lead: Id,
  status: ConsortiumStatusCode,
  cost: Type.Number({ description: 'GBP under the scoring model, to the penny.' }),
  breakdown: CostBreakdown,
  members: Type.Array(ConsortiumMember),
  socialValue: SocialValueSummary,
  explanation: Type.Array(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  submittedAt: Type.Union([Timestamp, Type.Null()]),
});
export type Consortium = Static<typeof Consortium>;

export const ConsortiumChange = Type.Intersect([
  Consortium,
  Type.Object({
    previousCost: Type.Number(),
    costChange: Type.Number({ description: 'cost − previousCost, GBP to the penny (negative: cheaper).' }),
  }),
]);
export type ConsortiumChange = Static<typeof ConsortiumChange>;

export const ReplacementParams = Type.Object({ id: Id, smeId: Id }, { additionalProperties: false });
export type ReplacementParams = Static<typeof ReplacementParams>;

export const ReplacementOffer = Type.Object({
  skill: SkillCode,
  unitPrice: Type.Number({ description: 'The firm’s quoted price per unit, GBP.' }),
  available: Type.Integer({ description: 'Units free in the lot’s window, after the firm’s bookings.' }),
});
export type ReplacementOffer = Static<typeof ReplacementOffer>;

export const Replacement = Type.Object({
  smeId: Id,
  name: Type.String(),
  distanceKm: Type.Number(),
  cost: Type.Number({ description: 'The consortium’s cost with this firm instead, GBP to the penny.' }),
  offers: Type.Array(ReplacementOffer, { description: 'For each skill of the replaced member’s work.' }),
  certifications: Type.Array(Certification, { description: 'Held and valid through the lot’s window.' }),
  members: Type.Array(ProposalMember, {
    description: 'The engine’s split after the swap, as the swap would store it.',
  }),
});
export type Replacement = Static<typeof Replacement>;

export const Replacements = Type.Object({
  items: Type.Array(Replacement, { description: 'Cheapest first.' }),
});
export type Replacements = Static<typeof Replacements>;

export const ConsortiumQuery = Type.Object(
  {
    ...PageQuery,
    role: Type.Optional(
      Type.Enum(['lead', 'member'], {
        description: 'lead: consortia my firms lead; member: those my firms are invited to.',
      }),
    ),
    status: Type.Optional(ConsortiumStatusCode),
  },
  { additionalProperties: false },
);
export type ConsortiumQuery = Static<typeof ConsortiumQuery>;

export const ConsortiumPage = Page(Consortium);

export const BidQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type BidQuery = Static<typeof BidQuery>;
/** Bids come cheapest first. */
export const BidPage = Page(Consortium);

export const Invitation = Type.Object({
  consortiumId: Id,
  lotId: Id,
  lotTitle: Type.String(),
  startDate: IsoDate,
  endDate: IsoDate,
  smeId: Id,
  smeName: Type.String(),
  leadSmeId: Id,
  leadName: Type.String(),
  consortiumStatus: ConsortiumStatusCode,
  invitation: InvitationStateCode,
  respondedAt: Type.Union([Timestamp, Type.Null()]),
  assignments: Type.Array(Assignment),
  cost: Type.Number(),
});
export type Invitation = Static<typeof Invitation>;

export const InvitationQuery = Type.Object(
  { ...PageQuery, state: Type.Optional(InvitationStateCode) },
  { additionalProperties: false },
);
export type InvitationQuery = Static<typeof InvitationQuery>;

export const InvitationPage = Page(Invitation);

export const SocialValueMember = Type.Object({
  smeId: Id,
  name: Type.String(),
  distanceKm: Type.Number(),
  employees: Type.Integer(),
  ownership: OwnershipCode,
  realLivingWage: Type.Boolean(),
  apprentices: Type.Integer(),
  localEmployeesPct: Type.Number(),
  charterSignatory: Type.Boolean(),
  contractValue: Type.Number({ description: 'Σ unitPrice × quantity for this member, GBP.' }),
  skills: Type.Array(SkillCode),
});
export type SocialValueMember = Static<typeof SocialValueMember>;

export const SocialValueStatement = Type.Object({
  consortiumId: Id,
  lotId: Id,
  lotTitle: Type.String(),
  status: ConsortiumStatusCode,
  cost: Type.Number(),
  figures: SocialValueSummary,
  members: Type.Array(SocialValueMember),
  method: Type.Array(Type.String()),
  asOf: Timestamp,
});
export type SocialValueStatement = Static<typeof SocialValueStatement>;

/** The consortium a lot was awarded to, as anyone signed in may read it on the lot's board. */
export const LotAward = Type.Object({
  lotId: Type.String({ format: 'uuid' }),
  consortiumId: Type.String({ format: 'uuid' }),
  lead: Type.String({ description: 'The lead firm’s name.' }),
  members: Type.Array(Type.String(), { description: 'Every member firm’s name, the lead first.' }),
  cost: Type.Number({ description: 'The consortium’s cost under the scoring model, GBP.' }),
  decidedAt: Type.String({ format: 'date-time', description: 'When the provider awarded the lot.' }),
});
export type LotAward = Static<typeof LotAward>;
