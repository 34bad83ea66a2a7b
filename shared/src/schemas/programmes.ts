import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery } from './common.ts';
import { SkillCode } from './smes.ts';

export const ProgrammeInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    lotIds: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type ProgrammeInput = Static<typeof ProgrammeInput>;

export const Programme = Type.Object({ id: Id, name: Type.String(), lotIds: Type.Array(Id) });
export type Programme = Static<typeof Programme>;

export const ProgrammeQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type ProgrammeQuery = Static<typeof ProgrammeQuery>;
export const ProgrammePage = Page(Programme);

export const AllocationQuery = Type.Object(
  {
    policy: Type.Optional(
      Type.Enum(['cheapest', 'reach'], {
        default: 'reach',
        description: 'cheapest: most lots, least cost; reach: as many lots, most distinct firms within the tolerance.',
      }),
    ),
    costTolerancePct: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 100,
        default: 2,
        description: 'How much above the cheapest cost reach may spend.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AllocationQuery = Static<typeof AllocationQuery>;

export const AllocationTotals = Type.Object({
  cost: Type.Number(),
  lotsCovered: Type.Integer(),
  distinctFirms: Type.Integer(),
  localSpendPct: Type.Number({ description: 'Share of contract value to firms within 25 km of their lot.' }),
  microSmallSharePct: Type.Number({ description: 'Share of contract value to firms with fewer than 50 staff.' }),
});
export type AllocationTotals = Static<typeof AllocationTotals>;

export const AllocatedProposal = Type.Object({
  lead: Id,
  members: Type.Array(
    Type.Object({
      smeId: Id,
      name: Type.Optional(Type.String()),
      assignments: Type.Array(Type.Object({ skill: SkillCode, quantity: Type.Integer(), unitPrice: Type.Number() })),
    }),
  ),
  cost: Type.Number(),
});

export const Allocation = Type.Object({
  programmeId: Id,
  status: Type.Enum(['optimal', 'bounded', 'timedout']),
  gapPct: Type.Union([Type.Number(), Type.Null()]),
  policy: Type.Enum(['cheapest', 'reach']),
  costTolerancePct: Type.Number(),
  lots: Type.Array(
    Type.Object({
      lotId: Id,
      title: Type.Optional(Type.String()),
      location: Type.Optional(Type.Object({ lat: Type.Number(), lon: Type.Number() })),
      covered: Type.Boolean(),
      proposal: Type.Optional(AllocatedProposal),
      unmet: Type.Optional(Type.String()),
    }),
  ),
  totals: AllocationTotals,
  baseline: AllocationTotals,
  firms: Type.Array(
    Type.Object({
      smeId: Id,
      name: Type.String(),
      location: Type.Object({ lat: Type.Number(), lon: Type.Number() }),
      contractValue: Type.Number(),
    }),
    { description: 'Firms with work in this allocation, for the map.' },
  ),
  elapsedMs: Type.Number(),
});
export type Allocation = Static<typeof Allocation>;

export const LotRecommendation = Type.Object({
  lotId: Id,
  programmeId: Id,
  programmeName: Type.String(),
  members: Type.Array(Id),
  lead: Id,
  cost: Type.Number(),
});
export type LotRecommendation = Static<typeof LotRecommendation>;

export const DryRun = Type.Object({
  coverable: Type.Boolean(),
  consortiaCount: Type.Integer({ description: 'Distinct valid member sets, counted up to 1,000.' }),
  countCapped: Type.Boolean({ description: 'More than 1,000, or the count stopped early (then it is a lower bound).' }),
  cheapestCost: Type.Union([Type.Number(), Type.Null()]),
  skills: Type.Array(Type.Object({ skill: SkillCode, eligibleFirms: Type.Integer(), thin: Type.Boolean() })),
  relaxations: Type.Array(
    Type.Object({
      change: Type.String(),
      consortiaCount: Type.Integer(),
      cheapestCost: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});
export type DryRun = Static<typeof DryRun>;
