import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { lotRequirements, lots, type Executor } from '@lepa/db';
import { LOT_DEFAULTS, type Lot, type LotInput, type LotStatus } from '@lepa/shared';
import type { Placed } from '../geo/place.ts';

export interface LotFilter {
  status?: LotStatus | undefined;
  ownerId?: string | undefined;
  afterId?: string | undefined;
  limit: number;
}

type LotRow = typeof lots.$inferSelect;

/** Columns for an input, with DESIGN's defaults filled so a stored lot is always complete. */
function lotColumns(input: Placed<LotInput>) {
  return {
    title: input.title,
    postcode: input.postcode ?? null,
    lat: input.location.lat,
    lon: input.location.lon,
    locationSource: input.locationSource,
    homes: input.homes,
    startDate: input.startDate,
    endDate: input.endDate,
    maxMembers: input.maxMembers ?? LOT_DEFAULTS.maxMembers,
    maxDistanceKm: input.maxDistanceKm ?? LOT_DEFAULTS.maxDistanceKm,
    socialValueWeight: input.socialValueWeight ?? LOT_DEFAULTS.socialValueWeight,
    travelCostPerUnitKm: input.travelCostPerUnitKm ?? LOT_DEFAULTS.travelCostPerUnitKm,
    coordinationCostPerMember: input.coordinationCostPerMember ?? LOT_DEFAULTS.coordinationCostPerMember,
  };
}

async function insertRequirements(tx: Executor, lotId: string, input: Placed<LotInput>) {
  await tx.insert(lotRequirements).values(
    input.requirements.map((r) => ({
      lotId,
      skill: r.skill,
      quantity: r.quantity,
      certifications: r.certifications ?? [],
    })),
  );
}

export function createLotStore(db: Executor) {
  /** Lots with their requirements in one round trip (written out: drizzle leaves columns unqualified in sql``). */
  function selectLots(tx: Executor) {
    return tx
      .select({
        row: lots,
        requirements: sql<Lot['requirements']>`coalesce((select json_agg(json_build_object(
            'skill', r.skill, 'quantity', r.quantity, 'certifications', r.certifications) order by r.skill)
            from lot_requirements r where r.lot_id = lots.id), '[]'::json)`,
      })
      .from(lots);
  }

  function toLot({ row, requirements }: { row: LotRow; requirements: Lot['requirements'] }): Lot {
    return {
      id: row.id,
      ownerId: row.ownerId,
      title: row.title,
      postcode: row.postcode,
      location: { lat: row.lat, lon: row.lon },
      locationSource: row.locationSource,
      homes: row.homes,
      startDate: row.startDate,
      endDate: row.endDate,
      requirements,
      maxMembers: row.maxMembers,
      maxDistanceKm: row.maxDistanceKm,
      socialValueWeight: row.socialValueWeight,
      travelCostPerUnitKm: row.travelCostPerUnitKm,
      coordinationCostPerMember: row.coordinationCostPerMember,
      status: row.status,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  // Prepared once: building drizzle queries costs more than running this one on PostgreSQL.
  const lotById = selectLots(db)
    .where(eq(lots.id, sql.placeholder('id')))
    .prepare('lot_by_id');

  return {
    async insert(ownerId: string, input: Placed<LotInput>, tx: Executor = db): Promise<string> {
      const [row] = await tx
        .insert(lots)
        .values({ ownerId, ...lotColumns(input) })
        .returning({ id: lots.id });
      await insertRequirements(tx, row!.id, input);
      return row!.id;
    },

    async replace(lotId: string, input: Placed<LotInput>, tx: Executor = db): Promise<void> {
      await tx
        .update(lots)
        .set({ ...lotColumns(input), version: sql`${lots.version} + 1`, updatedAt: sql`now()` })
        .where(eq(lots.id, lotId));
      await tx.delete(lotRequirements).where(eq(lotRequirements.lotId, lotId));
      await insertRequirements(tx, lotId, input);
    },

    async setStatus(lotId: string, status: LotStatus, tx: Executor = db): Promise<void> {
      await tx
        .update(lots)
        .set({ status, version: sql`${lots.version} + 1`, updatedAt: sql`now()` })
        .where(eq(lots.id, lotId));
    },

    async lockForUpdate(lotId: string, tx: Executor) {
      const [row] = await tx.select().from(lots).where(eq(lots.id, lotId)).for('update');
      return row;
    },

    async get(lotId: string, tx?: Executor): Promise<Lot | undefined> {
      const [selected] = tx ? await selectLots(tx).where(eq(lots.id, lotId)) : await lotById.execute({ id: lotId });
      return selected && toLot(selected);
    },

    /** Several lots in one round trip; ids with no lot are left out. */
    async getMany(lotIds: readonly string[]): Promise<Lot[]> {
      if (lotIds.length === 0) return [];
      return (await selectLots(db).where(inArray(lots.id, [...lotIds]))).map(toLot);
    },

    async list(filter: LotFilter, tx: Executor = db): Promise<Lot[]> {
      const conditions: SQL[] = [];
      if (filter.afterId) conditions.push(gt(lots.id, filter.afterId));
      if (filter.ownerId) conditions.push(eq(lots.ownerId, filter.ownerId));
      if (filter.status) conditions.push(eq(lots.status, filter.status));
      const selected = await selectLots(tx)
        .where(and(...conditions))
        .orderBy(asc(lots.id))
        .limit(filter.limit);
      return selected.map(toLot);
    },
  };
}
export type LotStore = ReturnType<typeof createLotStore>;
