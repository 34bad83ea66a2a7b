import { and, eq, inArray, sql } from 'drizzle-orm';
import { lots, smes, type Executor } from '@lepa/db';
import type { LotInReachMessage, PersonalMessage } from '@lepa/shared';
import { firmReachesLotSql } from './reach.ts';

/** For each open lot, the accounts owning firms within its reach, with those firms: one query for any number of lots. */
async function ownersInReach(db: Executor, lotIds: readonly string[]) {
  if (lotIds.length === 0) return [];
  return db
    .select({
      lotId: lots.id,
      lotTitle: lots.title,
      userId: smes.ownerId,
      // json, not an array: postgres.js leaves a uuid[] as its text form.
      smeIds: sql<string[]>`json_agg(${smes.id} order by ${smes.id})`,
    })
    .from(lots)
    .innerJoin(smes, firmReachesLotSql(lots, smes))
    .where(and(inArray(lots.id, [...lotIds]), eq(lots.status, 'open')))
    .groupBy(lots.id, lots.title, smes.ownerId);
}

/**
 * Tells the owners of firms within reach of lots just posted or changed, on whichever instance their
 * sockets are, so their "lots near me" and "lots I am proposed for" screens take the lots in. Call it
 * after the write has committed. Best effort, like every message after a commit: the lot is saved
 * whatever happens here, and those screens still show it on their next load.
 */
export function createLotAnnouncer(deps: {
  db: Executor;
  notify: (userId: string, message: PersonalMessage) => Promise<void>;
  onError: (error: unknown) => void;
}) {
  const { db, notify, onError } = deps;
  return async function announceLots(lotIds: readonly string[], event: LotInReachMessage['event']): Promise<void> {
    try {
      const owners = await ownersInReach(db, lotIds);
      // Sent in one go: the change bus puts every notification made meanwhile into one statement.
      await Promise.all(
        owners.map(({ userId, lotId, lotTitle, smeIds }) =>
          notify(userId, { type: 'lot-in-reach', event, lotId, lotTitle, smeIds }),
        ),
      );
    } catch (error) {
      onError(error);
    }
  };
}
export type AnnounceLots = ReturnType<typeof createLotAnnouncer>;
