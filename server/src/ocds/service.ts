import { and, eq } from 'drizzle-orm';
import { consortia, users, type Db } from '@lepa/db';
import type { Lot } from '@lepa/shared';
import { AppError, notFound } from '../common/errors.ts';
import type { AuthenticatedUser } from '../auth/service.ts';
import type { ChangeEvent } from '../changes/change-event.ts';
import type { LotStore } from '../lots/store.ts';
import type { AnnounceLots } from '../opportunities/lot-announcer.ts';
import type { ConsortiumStore } from '../consortia/store.ts';
import { toConsortium } from '../consortia/view.ts';
import { releasePackage } from './export.ts';
import { lotsFromPackage } from './import.ts';
import { checkReleasePackage } from './validator.ts';

export interface OcdsDeps {
  db: Db;
  lotStore: LotStore;
  consortiumStore: ConsortiumStore;
  publish: (event: ChangeEvent) => Promise<void>;
  /** Tells the owners of firms within reach of the imported lots. */
  announce: AnnounceLots;
}

export function createOcdsService(deps: OcdsDeps) {
  const { db, lotStore, consortiumStore, publish, announce } = deps;

  return {
    async exportLot(lotId: string, uri: string) {
      const lot = await lotStore.get(lotId);
      if (!lot) throw notFound('Lot');
      const [buyer] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, lot.ownerId));
      const [awarded] = await db
        .select({ id: consortia.id })
        .from(consortia)
        .where(and(eq(consortia.lotId, lotId), eq(consortia.status, 'awarded')));
      const award = awarded ? await consortiumStore.get(awarded.id) : undefined;
      return releasePackage({ lot, buyer: buyer!, award: award && toConsortium(award), uri, now: new Date() });
    },

    /** Every lot of the package, or none: a 400 lists each schema problem or unmappable item by its JSON path. */
    async importPackage(user: AuthenticatedUser, document: unknown): Promise<Lot[]> {
      const schema = await checkReleasePackage(document);
      if (schema.total > 0) {
        const what = schema.stoppedEarly
          ? `is not a valid OCDS 1.1 release package (checking stopped after ${schema.total} issues)`
          : 'is not a valid OCDS 1.1 release package';
        throw invalidDocument(what, schema.issues, schema.total);
      }
      const { lots, issues } = lotsFromPackage(
        document as Parameters<typeof lotsFromPackage>[0],
        new Date().toISOString().slice(0, 10),
      );
      if (issues.length > 0) throw invalidDocument('cannot be imported', issues);
      if (lots.length === 0)
        throw invalidDocument('has no tender to import', [{ path: '/releases', message: 'is empty' }]);

      const lotIds = await db.transaction(async (tx) => {
        const ids: string[] = [];
        for (const input of lots) ids.push(await lotStore.insert(user.id, input, tx));
        return ids;
      });
      for (const lotId of lotIds) await publish({ type: 'lot', lotId });
      await announce(lotIds, 'posted');
      return Promise.all(lotIds.map(async (id) => (await lotStore.get(id))!));
    },
  };
}
export type OcdsService = ReturnType<typeof createOcdsService>;

/** At most the first 100 issues are listed; `total` says how many there were. */
function invalidDocument(what: string, issues: readonly { path: string; message: string }[], total = issues.length) {
  const shown = issues.slice(0, 3).map((i) => `${i.path} ${i.message}`);
  return new AppError(
    400,
    'invalid_input',
    `The document ${what}: ${shown.join('; ')}${total > 3 ? ` (and ${total - 3} more)` : ''}`,
    issues.slice(0, 100).map((i) => ({ field: i.path, path: i.path, message: i.message })),
  );
}
