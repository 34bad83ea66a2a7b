import { smeInputIssues, type Sme, type SmeInput, type SmeQuery } from '@lepa/shared';
import type { Db, Tx } from '@lepa/db';
import { forbidden, invalidInput, notFound } from '../common/errors.ts';
import { decodeCursor, toPage } from '../common/pagination.ts';
import type { AuthenticatedUser } from '../auth/service.ts';
import type { ChangeEvent, FirmFootprint } from '../changes/change-event.ts';
import type { ProfileWrite, SmeStore } from './store.ts';
import type { PageCache } from '../common/page-cache.ts';
import { settlePlace, type Placed } from '../geo/place.ts';

function footprint(profile: Pick<Sme, 'location' | 'serviceRadiusKm' | 'capabilities'>): FirmFootprint {
  return {
    lat: profile.location.lat,
    lon: profile.location.lon,
    serviceRadiusKm: profile.serviceRadiusKm,
    skills: profile.capabilities.map((c) => c.skill),
  };
}

/** The body with its place settled (postcode → district centre unless an exact location is given), or a 400. */
function checked(input: SmeInput): Placed<SmeInput> {
  const place = settlePlace(input);
  const issues = [...('issues' in place ? place.issues : []), ...smeInputIssues(input)];
  if (issues.length > 0 || !('placed' in place)) throw invalidInput(issues);
  return place.placed;
}

function parseNear(query: SmeQuery) {
  if (query.near === undefined) {
    if (query.radiusKm !== undefined) throw invalidInput([{ field: 'near', message: 'is required with radiusKm' }]);
    return undefined;
  }
  const [lat, lon] = query.near.split(',').map(Number) as [number, number];
  if (Math.abs(lat) > 90) throw invalidInput([{ field: 'near', message: 'latitude must be between -90 and 90' }]);
  if (Math.abs(lon) > 180) throw invalidInput([{ field: 'near', message: 'longitude must be between -180 and 180' }]);
  if (query.radiusKm === undefined) throw invalidInput([{ field: 'radiusKm', message: 'is required with near' }]);
  return { center: { lat, lon }, radiusKm: query.radiusKm };
}

export function createSmeService(deps: {
  db: Db;
  store: SmeStore;
  /** Announces a committed change whose lots the write has already bumped, with the number it took. */
  publish: (event: ChangeEvent, bumped: { lotIds: string[]; seq: number }) => Promise<void>;
  /** Bumps, after commit, lots a concurrent writer held while this write ran (see lotsBumpedByFirmFootprints). */
  bumpLots: (lotIds: readonly string[]) => Promise<void>;
  /** Firm list pages; cleared here on every write, and by the caller on writes announced by other instances. */
  listPages: PageCache<{ items: Sme[]; nextCursor: string | null }>;
}) {
  const { db, store, publish, bumpLots, listPages } = deps;

  /** After commit: the lots were bumped by the write itself, bar those a concurrent writer held. */
  async function announce(smeId: string, written: Omit<ProfileWrite, 'sme'>, after: FirmFootprint | null) {
    listPages.clear();
    await bumpLots(written.unbumpedLotIds);
    await publish({ type: 'sme', smeId, before: written.before, after }, { lotIds: written.lotIds, seq: written.seq });
  }

  async function lockOwned(user: AuthenticatedUser, smeId: string, tx: Tx) {
    checkOwner(user, await store.lockForUpdate(smeId, tx));
  }

  function checkOwner(user: AuthenticatedUser, row: { ownerId: string } | undefined) {
    if (!row) throw notFound('Firm');
    if (row.ownerId !== user.id) throw forbidden('Only the account that registered this firm may change it');
  }

  return {
    /** Round trips: one statement (no transaction needed), then the broadcast. */
    async create(user: AuthenticatedUser, body: SmeInput): Promise<Sme> {
      const input = checked(body);
      const written = await store.insert(user.id, input);
      await announce(written.sme.id, written, footprint(input));
      return written.sme;
    },

    /**
     * Round trips: usually one statement (no transaction), then the broadcast. When it writes nothing
     * (the firm is missing or someone else's, or another save of it came in between), a transaction
     * locks the firm's row, checks the owner and writes with the row held.
     */
    async update(user: AuthenticatedUser, smeId: string, body: SmeInput): Promise<Sme> {
      const input = checked(body);
      const written =
        (await store.replace(smeId, user.id, input)) ??
        (await db.transaction(async (tx) => {
          await lockOwned(user, smeId, tx);
          const replaced = await store.replace(smeId, user.id, input, tx);
          if (!replaced) throw new Error(`Firm ${smeId} changed while its row was locked`);
          return replaced;
        }));
      await announce(smeId, written, footprint(input));
      return written.sme;
    },

    async remove(user: AuthenticatedUser, smeId: string): Promise<void> {
      const written = await db.transaction(async (tx) => {
        await lockOwned(user, smeId, tx);
        return store.remove(smeId, tx);
      });
      await announce(smeId, written, null);
    },

    async get(smeId: string): Promise<Sme> {
      const sme = await store.get(smeId);
      if (!sme) throw notFound('Firm');
      return sme;
    },

    async list(user: AuthenticatedUser, query: SmeQuery) {
      const key = JSON.stringify([
        query.mine ? user.id : null,
        query.skill,
        query.near,
        query.radiusKm,
        query.cursor,
        query.limit,
      ]);
      const cached = listPages.get(key);
      if (cached) return cached;
      const limit = query.limit ?? 20;
      const rows = await store.list({
        skill: query.skill,
        near: parseNear(query),
        ownerId: query.mine ? user.id : undefined,
        afterId: decodeCursor(query.cursor),
        limit: limit + 1,
      });
      const page = toPage(rows, limit);
      listPages.set(key, page);
      return page;
    },
  };
}
export type SmeService = ReturnType<typeof createSmeService>;
