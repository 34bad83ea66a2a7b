import {
  LOT_DEFAULTS,
  lotInputIssues,
  type Allocation,
  type AllocationQuery,
  type DryRun,
  type Lot,
  type LotInput,
  type LotRecommendation,
  type ProgrammeInput,
  type ProgrammeQuery,
} from '@lepa/shared';
import { relaxationsOf, type EngineLot } from '@lepa/engine';
import type { Db } from '@lepa/db';
import { conflict, forbidden, invalidInput, notFound } from '../common/errors.ts';
import { decodeCursor, toPage } from '../common/pagination.ts';
import type { AuthenticatedUser } from '../auth/service.ts';
import type { LotStore } from '../lots/store.ts';
import { loadEngineInput, toEngineLot } from '../matching/engine-input.ts';
import { settlePlace, type Placed } from '../geo/place.ts';
import type { ProgrammePool } from './programme-pool.ts';
import { loadProgrammeInput } from './inputs.ts';
import type { ProgrammeStore } from './store.ts';

/** Lots a draft is measured against; a dry run stores nothing, so it has no id of its own. */
const DRAFT_LOT_ID = '00000000-0000-4000-8000-000000000000';

interface Recommended {
  programmeName: string;
  allocation: Allocation;
}

export function createProgrammeService(deps: {
  db: Db;
  store: ProgrammeStore;
  lotStore: LotStore;
  /** runs allocations and dry runs off the event loop */
  threads: ProgrammePool;
}) {
  const { db, store, lotStore, threads } = deps;
  /** The last reach allocation per programme: what boards show as "recommended for the programme". */
  const recommended = new Map<string, Recommended>();

  /** Every lot must exist, belong to the caller and be open; checked under lock in the write's transaction. */
  async function checkLots(
    user: AuthenticatedUser,
    lotIds: readonly string[],
    tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  ) {
    const rows = await store.lotOwners(lotIds, tx);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = lotIds.flatMap((id, index) =>
      byId.has(id) ? [] : [{ field: `lotIds/${index}`, message: 'is not a lot' }],
    );
    if (missing.length > 0) throw invalidInput(missing);
    if (rows.some((row) => row.ownerId !== user.id))
      throw forbidden('Only the provider who posted every lot may group them');
    const closed = lotIds.filter((id) => byId.get(id)!.status !== 'open');
    if (closed.length > 0) throw conflict('A programme can only hold open lots', { closedLotIds: closed });
  }

  async function owned(user: AuthenticatedUser, id: string) {
    const ownerId = await store.owner(id);
    if (!ownerId) throw notFound('Programme');
    if (ownerId !== user.id) throw forbidden('Only the provider who made this programme may see or change it');
  }

  async function allocate(id: string, query: AllocationQuery): Promise<Allocation> {
    const programme = (await store.get(id))!;
    const lots = (await Promise.all(programme.lotIds.map((lotId) => lotStore.get(lotId)))).filter(
      (lot): lot is Lot => lot !== undefined,
    );
    const open = lots.filter((lot) => lot.status === 'open');
    const input = await loadProgrammeInput(db, open);
    const result = await threads.allocate({
      input,
      options: { policy: query.policy ?? 'reach', costTolerancePct: query.costTolerancePct ?? 2 },
    });
    const firms = new Map(input.firms.map((firm) => [firm.id, firm]));
    const byLot = new Map(result.lots.map((entry) => [entry.lotId, entry]));
    const contract = new Map<string, number>();
    const answer: Allocation = {
      programmeId: id,
      status: result.status,
      gapPct: result.gapPct,
      policy: result.policy,
      costTolerancePct: result.costTolerancePct,
      lots: lots.map((lot) => {
        const entry = byLot.get(lot.id);
        const place = { lotId: lot.id, title: lot.title, location: lot.location };
        if (!entry) return { ...place, covered: false, unmet: `This lot is ${lot.status}.` };
        if (!entry.proposal) return { ...place, covered: false, unmet: entry.unmet ?? '' };
        for (const member of entry.proposal.members) {
          const value = member.assignments.reduce(
            (sum, assignment) => sum + assignment.unitPrice * assignment.quantity,
            0,
          );
          contract.set(member.smeId, (contract.get(member.smeId) ?? 0) + value);
        }
        return {
          ...place,
          covered: true,
          proposal: {
            ...entry.proposal,
            members: entry.proposal.members.map((member) => ({ ...member, name: firms.get(member.smeId)?.name ?? '' })),
          },
        };
      }),
      totals: result.totals,
      baseline: result.baseline,
      firms: [...contract].map(([smeId, value]) => ({
        smeId,
        name: firms.get(smeId)!.name,
        location: firms.get(smeId)!.location,
        contractValue: Math.round(value * 100) / 100,
      })),
      elapsedMs: Math.round(result.stats.elapsedMs),
    };
    if (answer.policy === 'reach') recommended.set(id, { programmeName: programme.name, allocation: answer });
    return answer;
  }

  return {
    async create(user: AuthenticatedUser, input: ProgrammeInput) {
      const id = await db.transaction(async (tx) => {
        await checkLots(user, input.lotIds, tx);
        return store.insert(user.id, input.name, input.lotIds, tx);
      });
      return (await store.get(id))!;
    },

    async update(user: AuthenticatedUser, id: string, input: ProgrammeInput) {
      await owned(user, id);
      await db.transaction(async (tx) => {
        await checkLots(user, input.lotIds, tx);
        await store.replace(id, input.name, input.lotIds, tx);
      });
      recommended.delete(id);
      return (await store.get(id))!;
    },

    async remove(user: AuthenticatedUser, id: string) {
      await owned(user, id);
      await db.transaction((tx) => store.remove(id, tx));
      recommended.delete(id);
    },

    async get(user: AuthenticatedUser, id: string) {
      await owned(user, id);
      return (await store.get(id))!;
    },

    async list(user: AuthenticatedUser, query: ProgrammeQuery) {
      const limit = query.limit ?? 20;
      return toPage(await store.list(user.id, decodeCursor(query.cursor), limit + 1), limit);
    },

    async allocation(user: AuthenticatedUser, id: string, query: AllocationQuery) {
      await owned(user, id);
      return allocate(id, query);
    },

    /** The reach allocation's consortium for this lot, from the first programme holding it (computed when none is cached). */
    async recommendation(lotId: string): Promise<LotRecommendation> {
      const lot = await lotStore.get(lotId);
      if (!lot) throw notFound('Lot');
      const [programme] = await store.containing(lotId);
      if (!programme) throw notFound('Programme recommendation');
      const cached = recommended.get(programme.id) ?? {
        programmeName: programme.name,
        allocation: await allocate(programme.id, { policy: 'reach', costTolerancePct: 2 }),
      };
      const entry = cached.allocation.lots.find((candidate) => candidate.lotId === lotId);
      if (!entry?.proposal) throw notFound('Programme recommendation');
      return {
        lotId,
        programmeId: programme.id,
        programmeName: cached.programmeName,
        members: entry.proposal.members.map((member) => member.smeId),
        lead: entry.proposal.lead,
        cost: entry.proposal.cost,
      };
    },

    async dryRun(input: LotInput): Promise<DryRun> {
      const place = settlePlace(input);
      const issues = [...('issues' in place ? place.issues : []), ...lotInputIssues(input)];
      if (issues.length > 0 || !('placed' in place)) throw invalidInput(issues);
      const draft = draftLot(place.placed);
      const relaxations = relaxationsOf(toEngineLot(draft));
      const inputs = [await loadEngineInput(db, draft)];
      for (const relaxation of relaxations)
        inputs.push(await loadEngineInput(db, { ...draft, ...relaxedFields(relaxation.lot) }));
      const [depth, ...measured] = await threads.marketDepths(
        inputs.map((input, index) => ({ input, timeBudgetMs: index === 0 ? 1500 : 300 })),
      );
      return {
        ...depth!,
        relaxations: relaxations.map((relaxation, index) => ({
          change: relaxation.change,
          consortiaCount: measured[index]!.consortiaCount,
          cheapestCost: measured[index]!.cheapestCost,
        })),
      };
    },
  };
}
export type ProgrammeService = ReturnType<typeof createProgrammeService>;

function relaxedFields(lot: EngineLot): Partial<Lot> {
  return {
    maxDistanceKm: lot.maxDistanceKm,
    maxMembers: lot.maxMembers,
    endDate: lot.endDate,
    requirements: lot.requirements.map((requirement) => ({
      ...requirement,
      certifications: [...requirement.certifications],
    })),
  };
}

/** The lot a draft would become, with the same defaults `POST /api/lots` applies. */
function draftLot(input: Placed<LotInput>): Lot {
  const now = new Date().toISOString();
  return {
    id: DRAFT_LOT_ID,
    ownerId: DRAFT_LOT_ID,
    title: input.title,
    postcode: input.postcode ?? null,
    location: input.location,
    locationSource: input.locationSource,
    homes: input.homes,
    startDate: input.startDate,
    endDate: input.endDate,
    requirements: input.requirements.map((requirement) => ({
      ...requirement,
      certifications: requirement.certifications ?? [],
    })),
    maxMembers: input.maxMembers ?? LOT_DEFAULTS.maxMembers,
    maxDistanceKm: input.maxDistanceKm ?? LOT_DEFAULTS.maxDistanceKm,
    socialValueWeight: input.socialValueWeight ?? LOT_DEFAULTS.socialValueWeight,
    travelCostPerUnitKm: input.travelCostPerUnitKm ?? LOT_DEFAULTS.travelCostPerUnitKm,
    coordinationCostPerMember: input.coordinationCostPerMember ?? LOT_DEFAULTS.coordinationCostPerMember,
    status: 'open',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}
