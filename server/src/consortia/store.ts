import { and, asc, eq, exists, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { bookings, consortia, consortiumMembers, lots, smes, type Executor } from '@lepa/db';
import { toPennies, type Assignment, type ConsortiumStatus, type InvitationState, type Skill } from '@lepa/shared';
import type { StoredSplit } from './split.ts';

export interface MemberRow {
  smeId: string;
  ownerId: string;
  invitation: InvitationState;
  assignments: Assignment[];
  respondedAt: Date | null;
}

/** A consortium as stored, with what every view of it needs: its lot and its members' owners. */
export interface ConsortiumRecord {
  id: string;
  lotId: string;
  lotTitle: string;
  lotOwnerId: string;
  leadSmeId: string;
  leadOwnerId: string;
  status: ConsortiumStatus;
  cost: number;
  split: StoredSplit;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  members: MemberRow[];
}

export interface NewMember {
  smeId: string;
  invitation: InvitationState;
  assignments: Assignment[];
  respondedAt: Date | null;
}

export interface BookingRow {
  consortiumId: string;
  smeId: string;
  skill: Skill;
  units: number;
  startDate: string;
  endDate: string;
}

export interface ConsortiumFilter {
  /** Consortia a firm of this user leads, is a member of, or either. */
  userId: string;
  role: 'lead' | 'member' | undefined;
  status?: ConsortiumStatus | undefined;
  afterId?: string | undefined;
  limit: number;
}

export function createConsortiumStore(db: Executor) {
  const leadOwner = sql<string>`(select ${smes.ownerId} from ${smes} where ${smes.id} = ${consortia.leadSmeId})`;
  const header = {
    id: consortia.id,
    lotId: consortia.lotId,
    lotTitle: lots.title,
    lotOwnerId: lots.ownerId,
    leadSmeId: consortia.leadSmeId,
    leadOwnerId: leadOwner,
    status: consortia.status,
    cost: consortia.cost,
    split: consortia.proposal,
    createdAt: consortia.createdAt,
    updatedAt: consortia.updatedAt,
    submittedAt: consortia.submittedAt,
  };

  async function withMembers(rows: Omit<ConsortiumRecord, 'members'>[], tx: Executor): Promise<ConsortiumRecord[]> {
    if (rows.length === 0) return [];
    const members = await tx
      .select({
        consortiumId: consortiumMembers.consortiumId,
        smeId: consortiumMembers.smeId,
        ownerId: smes.ownerId,
        invitation: consortiumMembers.invitation,
        assignments: consortiumMembers.assignments,
        respondedAt: consortiumMembers.respondedAt,
      })
      .from(consortiumMembers)
      .innerJoin(smes, eq(smes.id, consortiumMembers.smeId))
      .where(
        inArray(
          consortiumMembers.consortiumId,
          rows.map((r) => r.id),
        ),
      );
    return rows.map((row) => ({
      ...row,
      split: row.split as StoredSplit,
      members: members.filter((m) => m.consortiumId === row.id).map(({ consortiumId: _, ...member }) => member),
    }));
  }

  async function select(where: SQL | undefined, tx: Executor, options: { limit?: number; order?: SQL[] } = {}) {
    const query = tx
      .select(header)
      .from(consortia)
      .innerJoin(lots, eq(lots.id, consortia.lotId))
      .where(where)
      .orderBy(...(options.order ?? [asc(consortia.id)]));
    const rows = options.limit === undefined ? await query : await query.limit(options.limit);
    return withMembers(rows as Omit<ConsortiumRecord, 'members'>[], tx);
  }

  return {
    async insert(
      values: { lotId: string; leadSmeId: string; createdBy: string; cost: number; split: StoredSplit },
      members: readonly NewMember[],
      tx: Executor = db,
    ): Promise<string> {
      const [row] = await tx
        .insert(consortia)
        .values({
          lotId: values.lotId,
          leadSmeId: values.leadSmeId,
          createdBy: values.createdBy,
          cost: values.cost,
          proposal: values.split,
        })
        .returning({ id: consortia.id });
      await tx.insert(consortiumMembers).values(members.map((m) => ({ consortiumId: row!.id, ...m })));
      return row!.id;
    },

    async get(consortiumId: string, tx: Executor = db): Promise<ConsortiumRecord | undefined> {
      return (await select(eq(consortia.id, consortiumId), tx))[0];
    },

    /** Waits for and holds the consortium's row, so status changes of one consortium never interleave. */
    async lock(consortiumId: string, tx: Executor): Promise<void> {
      await tx.select({ id: consortia.id }).from(consortia).where(eq(consortia.id, consortiumId)).for('update');
    },

    async list(filter: ConsortiumFilter, tx: Executor = db): Promise<ConsortiumRecord[]> {
      const leads = sql`${consortia.leadSmeId} in (select ${smes.id} from ${smes} where ${smes.ownerId} = ${filter.userId})`;
      const memberOf = exists(
        tx
          .select({ one: sql`1` })
          .from(consortiumMembers)
          .innerJoin(smes, eq(smes.id, consortiumMembers.smeId))
          .where(
            and(
              eq(consortiumMembers.consortiumId, consortia.id),
              eq(smes.ownerId, filter.userId),
              ne(consortiumMembers.smeId, consortia.leadSmeId),
            ),
          ),
      );
      const role = filter.role === 'lead' ? leads : filter.role === 'member' ? memberOf : or(leads, memberOf);
      return select(
        and(
          role,
          filter.status ? eq(consortia.status, filter.status) : undefined,
          filter.afterId ? gt(consortia.id, filter.afterId) : undefined,
        ),
        tx,
        { limit: filter.limit },
      );
    },

    /** A lot's bids, cheapest first; `after` continues from the last (cost, id) of a page. */
    async bids(lotId: string, limit: number, after: { cost: number; id: string } | undefined, tx: Executor = db) {
      const page = after
        ? sql`(${consortia.cost}, ${consortia.id}) > (${toPennies(after.cost)}::bigint, ${after.id}::uuid)`
        : undefined;
      return select(
        and(eq(consortia.lotId, lotId), inArray(consortia.status, ['submitted', 'awarded', 'lost']), page),
        tx,
        { limit, order: [asc(consortia.cost), asc(consortia.id)] },
      );
    },

    /** Consortia of a lot in the given states, locked in id order (the order every multi-row lock here takes). */
    async lockLotConsortia(lotId: string, statuses: readonly ConsortiumStatus[], tx: Executor) {
      return tx
        .select({ id: consortia.id, status: consortia.status })
        .from(consortia)
        .where(and(eq(consortia.lotId, lotId), inArray(consortia.status, [...statuses])))
        .orderBy(asc(consortia.id))
        .for('update');
    },

    async replaceSplit(
      consortiumId: string,
      cost: number,
      split: StoredSplit,
      members: readonly NewMember[],
      tx: Executor,
    ) {
      await tx
        .update(consortia)
        .set({ cost, proposal: split, updatedAt: sql`now()` })
        .where(eq(consortia.id, consortiumId));
      await tx.delete(consortiumMembers).where(eq(consortiumMembers.consortiumId, consortiumId));
      await tx.insert(consortiumMembers).values(members.map((m) => ({ consortiumId, ...m })));
    },

    async setInvitation(consortiumId: string, smeId: string, invitation: InvitationState, tx: Executor) {
      await tx
        .update(consortiumMembers)
        .set({ invitation, respondedAt: sql`now()` })
        .where(and(eq(consortiumMembers.consortiumId, consortiumId), eq(consortiumMembers.smeId, smeId)));
      await tx
        .update(consortia)
        .set({ updatedAt: sql`now()` })
        .where(eq(consortia.id, consortiumId));
    },

    async setStatus(consortiumIds: readonly string[], status: ConsortiumStatus, tx: Executor) {
      if (consortiumIds.length === 0) return;
      await tx
        .update(consortia)
        .set({ status, updatedAt: sql`now()`, ...(status === 'submitted' ? { submittedAt: sql`now()` } : {}) })
        .where(inArray(consortia.id, [...consortiumIds]));
    },

    async insertBookings(rows: readonly BookingRow[], tx: Executor) {
      if (rows.length > 0) await tx.insert(bookings).values([...rows]);
    },

    /** Released capacity: bookings only exist while their consortium holds capacity. */
    async deleteBookings(consortiumIds: readonly string[], tx: Executor) {
      if (consortiumIds.length > 0) await tx.delete(bookings).where(inArray(bookings.consortiumId, [...consortiumIds]));
    },

    /** Invitations of this user's firms (not the lead's own membership), in (consortium, firm) order. */
    async invitations(
      filter: {
        userId: string;
        state?: InvitationState | undefined;
        after?: { consortiumId: string; smeId: string } | undefined;
        limit: number;
      },
      tx: Executor = db,
    ) {
      const lead = alias(smes, 'lead');
      const page = filter.after
        ? sql`(${consortiumMembers.consortiumId}, ${consortiumMembers.smeId}) > (${filter.after.consortiumId}::uuid, ${filter.after.smeId}::uuid)`
        : undefined;
      return tx
        .select({
          consortiumId: consortia.id,
          lotId: lots.id,
          lotTitle: lots.title,
          startDate: lots.startDate,
          endDate: lots.endDate,
          smeId: smes.id,
          smeName: smes.name,
          leadSmeId: lead.id,
          leadName: lead.name,
          consortiumStatus: consortia.status,
          invitation: consortiumMembers.invitation,
          respondedAt: consortiumMembers.respondedAt,
          assignments: consortiumMembers.assignments,
          cost: consortia.cost,
        })
        .from(consortiumMembers)
        .innerJoin(smes, eq(smes.id, consortiumMembers.smeId))
        .innerJoin(consortia, eq(consortia.id, consortiumMembers.consortiumId))
        .innerJoin(lots, eq(lots.id, consortia.lotId))
        .innerJoin(lead, eq(lead.id, consortia.leadSmeId))
        .where(
          and(
            eq(smes.ownerId, filter.userId),
            ne(consortiumMembers.smeId, consortia.leadSmeId),
            filter.state ? eq(consortiumMembers.invitation, filter.state) : undefined,
            page,
          ),
        )
        .orderBy(asc(consortiumMembers.consortiumId), asc(consortiumMembers.smeId))
        .limit(filter.limit);
    },

    /** Member firms of the given consortia (for "who is affected" after a release). */
    async memberIds(
      consortiumIds: readonly string[],
      tx: Executor = db,
    ): Promise<{ consortiumId: string; smeId: string; ownerId: string }[]> {
      if (consortiumIds.length === 0) return [];
      return tx
        .select({ consortiumId: consortiumMembers.consortiumId, smeId: consortiumMembers.smeId, ownerId: smes.ownerId })
        .from(consortiumMembers)
        .innerJoin(smes, eq(smes.id, consortiumMembers.smeId))
        .where(inArray(consortiumMembers.consortiumId, [...consortiumIds]));
    },
  };
}
export type ConsortiumStore = ReturnType<typeof createConsortiumStore>;
