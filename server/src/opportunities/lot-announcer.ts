import { and, eq, inArray, sql } from 'drizzle-orm';
import { lots, smes, type Executor } from '@lepa/db';
import { LOT_IN_REACH_FIRMS_LISTED, type LotInReachMessage, type PersonalMessage } from '@lepa/shared';
import { firmReachesLotSql } from './reach.ts';

/** Per open lot and owning account: the first of its firms within reach of the lot, and their number. */
export interface OwnerInReach {
  lotId: string;
  lotTitle: string;
  userId: string;
  smeIds: string[];
  firmsInReach: number;
}

/**
 * For each open lot, the accounts owning firms within its reach, with the first of those firms and
 * their number: one query for any number of lots. The list is cut in SQL, so an owner of 50,000 firms
 * costs one short row, not a 50,000-element parse on the event loop and a message too long to send.
 * Read inside a lot's write, before the change, it says who the lot reached before.
 */
export async function readOwnersInReach(db: Executor, lotIds: readonly string[]): Promise<OwnerInReach[]> {
  if (lotIds.length === 0) return [];
  return db
    .select({
      lotId: lots.id,
      lotTitle: lots.title,
      userId: smes.ownerId,
      // json, not an array: postgres.js leaves a uuid[] as its text form.
      smeIds: sql<
        string[]
      >`to_json((array_agg(${smes.id} order by ${smes.id}))[1:${sql.raw(String(LOT_IN_REACH_FIRMS_LISTED))}])`,
      firmsInReach: sql<number>`count(*)::int`,
    })
    .from(lots)
    .innerJoin(smes, firmReachesLotSql(lots, smes))
    .where(and(inArray(lots.id, [...lotIds]), eq(lots.status, 'open')))
    .groupBy(lots.id, lots.title, smes.ownerId);
}

/**
 * Tells the owners of firms within reach of lots just posted or changed, on whichever instance their
 * sockets are, so their "lots near me" and "lots I am proposed for" screens take the lots in; and, for
 * a changed lot given the owners it reached before, those it no longer reaches, so their "lots near me"
 * lists let it go. Call it after the write has committed. Best effort, like every message after a
 * commit: the lot is saved whatever happens here, and those screens are right on their next load.
 */
export function createLotAnnouncer(deps: {
  db: Executor;
  notify: (userId: string, message: PersonalMessage) => Promise<void>;
  onError: (error: unknown) => void;
}) {
  const { db, notify, onError } = deps;
  return async function announceLots(
    lotIds: readonly string[],
    event: Exclude<LotInReachMessage['event'], 'out-of-reach'>,
    reachedBefore: readonly OwnerInReach[] = [],
  ): Promise<void> {
    try {
      const owners = await readOwnersInReach(db, lotIds);
      const reachedNow = new Set(owners.map((owner) => `${owner.lotId} ${owner.userId}`));
      const left = reachedBefore.filter((owner) => !reachedNow.has(`${owner.lotId} ${owner.userId}`));
      const message = (owner: OwnerInReach, sent: LotInReachMessage['event']) =>
        notify(owner.userId, {
          type: 'lot-in-reach',
          event: sent,
          lotId: owner.lotId,
          lotTitle: owner.lotTitle,
          smeIds: owner.smeIds,
          firmsInReach: owner.firmsInReach,
        });
      // Sent in one go: the change bus puts every notification made meanwhile into one statement.
      await Promise.all([
        ...owners.map((owner) => message(owner, event)),
        ...left.map((owner) => message(owner, 'out-of-reach')),
      ]);
    } catch (error) {
      onError(error);
    }
  };
}
export type AnnounceLots = ReturnType<typeof createLotAnnouncer>;
