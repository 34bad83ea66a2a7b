import { smeInputIssues, type Sme, type SmeInput, type SmeQuery } from '@lepa/shared';
import type { Db, Tx } from '@lepa/db';
import { forbidden, invalidInput, notFound } from '../common/errors.ts';
import { decodeCursor, toPage } from '../common/pagination.ts';
import type { AuthenticatedUser } from '../auth/service.ts';
import type { ChangeEvent, FirmFootprint } from '../live/change-event.ts';
import type { SmeStore } from './store.ts';
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
  publish: (event: ChangeEvent) => Promise<void>;
  /** Firm list pages; cleared here on every write, and by the caller on writes announced by other instances. */
  listPages: PageCache<{ items: Sme[]; nextCursor: string | null }>;
}) {
  const { db, store, publish, listPages } = deps;

  async function announce(event: ChangeEvent & { type: 'sme' }) {
    listPages.clear();
    await publish(event);
  }

  async function ownedForWrite(user: AuthenticatedUser, smeId: string, tx: Tx) {
    const row = await store.lockForUpdate(smeId, tx);
    if (!row) throw notFound('Firm');
    if (row.ownerId !== user.id) throw forbidden('Only the account that registered this firm may change it');
    const before = await store.get(smeId, tx);
    return before!;
  }

  return {
    async create(user: AuthenticatedUser, body: SmeInput): Promise<Sme> {
      const input = checked(body);
      const smeId = await db.transaction((tx) => store.insert(user.id, input, tx));
      await announce({ type: 'sme', smeId, before: null, after: footprint(input) });
      return (await store.get(smeId))!;
    },

    async update(user: AuthenticatedUser, smeId: string, body: SmeInput): Promise<Sme> {
      const input = checked(body);
      const before = await db.transaction(async (tx) => {
        const current = await ownedForWrite(user, smeId, tx);
        await store.replace(smeId, input, tx);
        return current;
      });
      await announce({ type: 'sme', smeId, before: footprint(before), after: footprint(input) });
      return (await store.get(smeId))!;
    },

    async remove(user: AuthenticatedUser, smeId: string): Promise<void> {
      const before = await db.transaction(async (tx) => {
        const current = await ownedForWrite(user, smeId, tx);
        await store.remove(smeId, tx);
        return current;
      });
      await announce({ type: 'sme', smeId, before: footprint(before), after: null });
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
