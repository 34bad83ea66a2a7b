import { lotInputIssues, type Lot, type LotInput, type LotQuery } from '@lepa/shared';
import type { Db, Tx } from '@lepa/db';
import { conflict, forbidden, invalidInput, notFound } from '../common/errors.ts';
import { decodeCursor, toPage } from '../common/pagination.ts';
import type { AuthenticatedUser } from '../auth/service.ts';
import type { ChangeEvent } from '../changes/change-event.ts';
import type { LotStore } from './store.ts';
import type { AnnounceLots, OwnerInReach } from '../opportunities/lot-announcer.ts';
import { settlePlace, type Placed } from '../geo/place.ts';

/** The body with its place settled (postcode → district centre unless an exact location is given), or a 400. */
function checked(input: LotInput, options: { today?: string } = {}): Placed<LotInput> {
  const place = settlePlace(input);
  const issues = [...('issues' in place ? place.issues : []), ...lotInputIssues(input, options)];
  if (issues.length > 0 || !('placed' in place)) throw invalidInput(issues);
  return place.placed;
}

export function createLotService(deps: {
  db: Db;
  store: LotStore;
  publish: (event: ChangeEvent) => Promise<void>;
  /** Tells the owners of firms within reach; after `publish`, so the lot's answer is already on its way. */
  announce: AnnounceLots;
  /** The owners of firms within reach of lots, read in a write's transaction before it changes them. */
  ownersInReach: (tx: Tx, lotIds: readonly string[]) => Promise<OwnerInReach[]>;
}) {
  const { db, store, publish, announce, ownersInReach } = deps;

  /** Only the provider who posted a lot may change it, and only while it is open. */
  async function openOwnedLot(user: AuthenticatedUser, lotId: string, tx: Tx) {
    const row = await store.lockForUpdate(lotId, tx);
    if (!row) throw notFound('Lot');
    if (row.ownerId !== user.id) throw forbidden('Only the provider who posted this lot may change it');
    if (row.status !== 'open') throw conflict(`This lot is ${row.status} and can no longer be changed`);
    return row;
  }

  return {
    async create(user: AuthenticatedUser, body: LotInput): Promise<Lot> {
      const input = checked(body, { today: new Date().toISOString().slice(0, 10) });
      const lotId = await db.transaction((tx) => store.insert(user.id, input, tx));
      await publish({ type: 'lot', lotId });
      await announce([lotId], 'posted');
      return (await store.get(lotId))!;
    },

    async update(user: AuthenticatedUser, lotId: string, body: LotInput): Promise<Lot> {
      const input = checked(body);
      const reachedBefore = await db.transaction(async (tx) => {
        await openOwnedLot(user, lotId, tx);
        // Read with the lot locked, so it is the reach this change moves the lot from.
        const owners = await ownersInReach(tx, [lotId]);
        await store.replace(lotId, input, tx);
        return owners;
      });
      await publish({ type: 'lot', lotId });
      // Moved, or given other skills, it may now reach firms it did not before, and no longer reach others.
      await announce([lotId], 'changed', reachedBefore);
      return (await store.get(lotId))!;
    },

    async close(user: AuthenticatedUser, lotId: string): Promise<Lot> {
      await db.transaction(async (tx) => {
        await openOwnedLot(user, lotId, tx);
        await store.setStatus(lotId, 'closed', tx);
      });
      await publish({ type: 'lot', lotId });
      return (await store.get(lotId))!;
    },

    async get(lotId: string): Promise<Lot> {
      const lot = await store.get(lotId);
      if (!lot) throw notFound('Lot');
      return lot;
    },

    async list(user: AuthenticatedUser, query: LotQuery) {
      const limit = query.limit ?? 20;
      const rows = await store.list({
        status: query.status,
        ownerId: query.mine ? user.id : undefined,
        afterId: decodeCursor(query.cursor),
        limit: limit + 1,
      });
      return toPage(rows, limit);
    },
  };
}
export type LotService = ReturnType<typeof createLotService>;
