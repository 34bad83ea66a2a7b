import { and, asc, eq, exists, gt, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { smeCapabilities, smeCertifications, smes, type Executor } from '@lepa/db';
import type { Location, Skill, Sme, SmeInput } from '@lepa/shared';
import { boundingBox, distanceKmSql } from '../common/geo-sql.ts';

export interface SmeFilter {
  skill?: Skill | undefined;
  near?: { center: Location; radiusKm: number } | undefined;
  ownerId?: string | undefined;
  afterId?: string | undefined;
  limit: number;
}

function profileColumns(input: SmeInput) {
  return {
    name: input.name,
    postcode: input.postcode ?? null,
    lat: input.location.lat,
    lon: input.location.lon,
    serviceRadiusKm: input.serviceRadiusKm,
    employees: input.employees,
    ownership: input.ownership,
    realLivingWage: input.socialValue.realLivingWage,
    apprentices: input.socialValue.apprentices,
    localEmployeesPct: input.socialValue.localEmployeesPct,
    charterSignatory: input.socialValue.charterSignatory,
  };
}

async function insertChildren(tx: Executor, smeId: string, input: SmeInput) {
  await tx.insert(smeCapabilities).values(input.capabilities.map((c) => ({ smeId, ...c })));
  if (input.certifications.length > 0) {
    await tx
      .insert(smeCertifications)
      .values(input.certifications.map((c) => ({ smeId, scheme: c.scheme, reference: c.reference ?? null, expires: c.expires })));
  }
}

export function createSmeStore(db: Executor) {
  /**
   * Firms with their capabilities and certifications in one round trip: the
   * children come back as JSON arrays built by the database.
   */
  function selectProfiles(tx: Executor) {
    return tx
      .select({
        row: smes,
        // Written out in full: drizzle leaves columns unqualified inside sql``, and `id` would be ambiguous here.
        capabilities: sql<Sme['capabilities']>`coalesce((select json_agg(json_build_object(
            'skill', c.skill, 'capacityPerMonth', c.capacity_per_month, 'unitPrice', c.unit_price) order by c.skill)
            from sme_capabilities c where c.sme_id = smes.id), '[]'::json)`,
        certifications: sql<Sme['certifications']>`coalesce((select json_agg(json_build_object(
            'scheme', x.scheme, 'reference', x.reference, 'expires', x.expires) order by x.id)
            from sme_certifications x where x.sme_id = smes.id), '[]'::json)`,
      })
      .from(smes);
  }

  function toSme(selected: { row: typeof smes.$inferSelect; capabilities: Sme['capabilities']; certifications: Sme['certifications'] }): Sme {
    const { row } = selected;
    return {
      id: row.id,
      ownerId: row.ownerId,
      name: row.name,
      postcode: row.postcode,
      location: { lat: row.lat, lon: row.lon },
      serviceRadiusKm: row.serviceRadiusKm,
      employees: row.employees,
      ownership: row.ownership,
      capabilities: selected.capabilities,
      certifications: selected.certifications,
      socialValue: {
        realLivingWage: row.realLivingWage,
        apprentices: row.apprentices,
        localEmployeesPct: row.localEmployeesPct,
        charterSignatory: row.charterSignatory,
      },
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  return {
    async insert(ownerId: string, input: SmeInput, tx: Executor = db): Promise<string> {
      const [row] = await tx.insert(smes).values({ ownerId, ...profileColumns(input) }).returning({ id: smes.id });
      await insertChildren(tx, row!.id, input);
      return row!.id;
    },

    /** Replaces the whole profile; capabilities and certifications are rewritten, not merged. */
    async replace(smeId: string, input: SmeInput, tx: Executor = db): Promise<void> {
      await tx.update(smes).set({ ...profileColumns(input), updatedAt: sql`now()` }).where(eq(smes.id, smeId));
      await tx.delete(smeCapabilities).where(eq(smeCapabilities.smeId, smeId));
      await tx.delete(smeCertifications).where(eq(smeCertifications.smeId, smeId));
      await insertChildren(tx, smeId, input);
    },

    async remove(smeId: string, tx: Executor = db): Promise<void> {
      await tx.delete(smes).where(eq(smes.id, smeId));
    },

    /** Locks the row so a concurrent edit of the same firm waits instead of interleaving. */
    async lockForUpdate(smeId: string, tx: Executor) {
      const [row] = await tx.select().from(smes).where(eq(smes.id, smeId)).for('update');
      return row;
    },

    async get(smeId: string, tx: Executor = db): Promise<Sme | undefined> {
      const [selected] = await selectProfiles(tx).where(eq(smes.id, smeId));
      return selected && toSme(selected);
    },

    async getMany(smeIds: readonly string[], tx: Executor = db): Promise<Sme[]> {
      if (smeIds.length === 0) return [];
      return (await selectProfiles(tx).where(inArray(smes.id, [...smeIds]))).map(toSme);
    },

    async list(filter: SmeFilter, tx: Executor = db): Promise<Sme[]> {
      const conditions: SQL[] = [];
      if (filter.afterId) conditions.push(gt(smes.id, filter.afterId));
      if (filter.ownerId) conditions.push(eq(smes.ownerId, filter.ownerId));
      if (filter.skill) {
        conditions.push(
          exists(
            tx
              .select({ one: sql`1` })
              .from(smeCapabilities)
              .where(and(eq(smeCapabilities.smeId, smes.id), eq(smeCapabilities.skill, filter.skill))),
          ),
        );
      }
      if (filter.near) {
        const box = boundingBox(filter.near.center, filter.near.radiusKm);
        conditions.push(
          gte(smes.lat, box.minLat),
          lte(smes.lat, box.maxLat),
          gte(smes.lon, box.minLon),
          lte(smes.lon, box.maxLon),
          lte(distanceKmSql(smes.lat, smes.lon, filter.near.center), filter.near.radiusKm),
        );
      }
      const selected = await selectProfiles(tx)
        .where(and(...conditions))
        .orderBy(asc(smes.id))
        .limit(filter.limit);
      return selected.map(toSme);
    },
  };
}
export type SmeStore = ReturnType<typeof createSmeStore>;
