import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { lots, programmeLots, programmes, type Executor } from '@lepa/db';
import type { Programme } from '@lepa/shared';

export function createProgrammeStore(db: Executor) {
  async function lotIdsOf(ids: readonly string[], tx: Executor = db): Promise<Map<string, string[]>> {
    const byProgramme = new Map(ids.map((id) => [id, [] as string[]]));
    if (ids.length === 0) return byProgramme;
    const rows = await tx
      .select({ programmeId: programmeLots.programmeId, lotId: programmeLots.lotId })
      .from(programmeLots)
      .where(inArray(programmeLots.programmeId, [...ids]))
      .orderBy(asc(programmeLots.programmeId), asc(programmeLots.position));
    for (const row of rows) byProgramme.get(row.programmeId)!.push(row.lotId);
    return byProgramme;
  }

  return {
    /** Owner and status of each named lot that exists, locked for the rest of the transaction. */
    async lotOwners(lotIds: readonly string[], tx: Executor) {
      return tx
        .select({ id: lots.id, ownerId: lots.ownerId, status: lots.status })
        .from(lots)
        .where(inArray(lots.id, [...lotIds]))
        .for('update');
    },

    async insert(ownerId: string, name: string, lotIds: readonly string[], tx: Executor): Promise<string> {
      const [row] = await tx.insert(programmes).values({ ownerId, name }).returning({ id: programmes.id });
      await tx
        .insert(programmeLots)
        .values(lotIds.map((lotId, position) => ({ programmeId: row!.id, lotId, position })));
      return row!.id;
    },

    async replace(id: string, name: string, lotIds: readonly string[], tx: Executor): Promise<void> {
      await tx.update(programmes).set({ name, updatedAt: new Date() }).where(eq(programmes.id, id));
      await tx.delete(programmeLots).where(eq(programmeLots.programmeId, id));
      await tx.insert(programmeLots).values(lotIds.map((lotId, position) => ({ programmeId: id, lotId, position })));
    },

    async remove(id: string, tx: Executor): Promise<void> {
      await tx.delete(programmes).where(eq(programmes.id, id));
    },

    async owner(id: string, tx: Executor = db): Promise<string | undefined> {
      const [row] = await tx.select({ ownerId: programmes.ownerId }).from(programmes).where(eq(programmes.id, id));
      return row?.ownerId;
    },

    async get(id: string, tx: Executor = db): Promise<Programme | undefined> {
      const [row] = await tx
        .select({ id: programmes.id, name: programmes.name })
        .from(programmes)
        .where(eq(programmes.id, id));
      if (!row) return undefined;
      return { ...row, lotIds: (await lotIdsOf([row.id], tx)).get(row.id)! };
    },

    async list(ownerId: string, afterId: string | undefined, limit: number): Promise<Programme[]> {
      const rows = await db
        .select({ id: programmes.id, name: programmes.name })
        .from(programmes)
        .where(and(eq(programmes.ownerId, ownerId), afterId ? gt(programmes.id, afterId) : undefined))
        .orderBy(asc(programmes.id))
        .limit(limit);
      const lotIds = await lotIdsOf(rows.map((row) => row.id));
      return rows.map((row) => ({ ...row, lotIds: lotIds.get(row.id)! }));
    },

    /** Programmes that include the lot, newest first. */
    async containing(lotId: string) {
      return db
        .select({ id: programmes.id, name: programmes.name })
        .from(programmeLots)
        .innerJoin(programmes, eq(programmes.id, programmeLots.programmeId))
        .where(eq(programmeLots.lotId, lotId))
        .orderBy(asc(programmes.createdAt));
    },
  };
}
export type ProgrammeStore = ReturnType<typeof createProgrammeStore>;
