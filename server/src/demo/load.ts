import { count } from 'drizzle-orm';
import { users, type Db } from '@lepa/db';
import { hashPassword } from '../auth/passwords.ts';
import { normaliseEmail } from '../auth/service.ts';
import { createSmeStore } from '../smes/store.ts';
import { createLotStore } from '../lots/store.ts';
import { generateDemoData, type DemoData } from './generate.ts';
import type { Location } from '@lepa/shared';

/** Demo firms and lots sit on exact points (the generator scatters them around real towns). */
function exactly<T extends { location?: Location | undefined }>(input: T) {
  if (!input.location) throw new Error('Demo data must place every firm and lot exactly');
  return { ...input, location: input.location, locationSource: 'exact' as const };
}

/**
 * Loads the demo market into an empty database in one transaction, so a crash
 * half-way leaves nothing and the next start tries again. A database with any
 * account is left alone: the demo is never loaded twice.
 */
export async function loadDemoDataIfEmpty(db: Db, demo: DemoData = generateDemoData()) {
  const [existing] = await db.select({ accounts: count() }).from(users);
  if ((existing?.accounts ?? 0) > 0) return null;

  // Every demo account shares one documented password, so one slow hash serves them all.
  const passwordHashes = new Map<string, string>();
  for (const account of demo.accounts) {
    if (!passwordHashes.has(account.password))
      passwordHashes.set(account.password, await hashPassword(account.password));
  }
  const smeStore = createSmeStore(db);
  const lotStore = createLotStore(db);

  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values(
        demo.accounts.map((a) => ({
          email: normaliseEmail(a.email),
          name: a.name,
          role: a.role,
          passwordHash: passwordHashes.get(a.password)!,
        })),
      )
      .returning({ id: users.id, email: users.email });
    const userIdByEmail = new Map(inserted.map((row) => [row.email, row.id]));
    const userIdByKey = new Map(demo.accounts.map((a) => [a.key, userIdByEmail.get(normaliseEmail(a.email))!]));
    for (const sme of demo.smes) await smeStore.insert(userIdByKey.get(sme.ownerKey)!, exactly(sme.input), tx);
    for (const lot of demo.lots) await lotStore.insert(userIdByKey.get(lot.ownerKey)!, exactly(lot.input), tx);
  });
  return { accounts: demo.accounts.length, smes: demo.smes.length, lots: demo.lots.length };
}
