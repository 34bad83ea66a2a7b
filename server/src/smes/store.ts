import { asc, eq, inArray, sql } from 'drizzle-orm';
import { smeCapabilities, smeCertifications, smes, type Executor } from '@lepa/db';
import type { Location, Skill, Sme, SmeInput } from '@lepa/shared';
import { boundingBox, haversineKmSql } from '../common/geo-sql.ts';
import type { Placed } from '../geo/place.ts';

export interface SmeFilter {
  skill?: Skill | undefined;
  near?: { center: Location; radiusKm: number } | undefined;
  ownerId?: string | undefined;
  afterId?: string | undefined;
  limit: number;
}

function profileColumns(input: Placed<SmeInput>) {
  return {
    name: input.name,
    postcode: input.postcode ?? null,
    lat: input.location.lat,
    lon: input.location.lon,
    locationSource: input.locationSource,
    serviceRadiusKm: input.serviceRadiusKm,
    employees: input.employees,
    ownership: input.ownership,
    realLivingWage: input.socialValue.realLivingWage,
    apprentices: input.socialValue.apprentices,
    localEmployeesPct: input.socialValue.localEmployeesPct,
    charterSignatory: input.socialValue.charterSignatory,
  };
}

async function insertChildren(tx: Executor, smeId: string, input: Placed<SmeInput>) {
  await tx.insert(smeCapabilities).values(input.capabilities.map((c) => ({ smeId, ...c })));
  if (input.certifications.length > 0) {
    await tx.insert(smeCertifications).values(
      input.certifications.map((c) => ({
        smeId,
        scheme: c.scheme,
        reference: c.reference ?? null,
        expires: c.expires,
      })),
    );
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

  function toSme(selected: {
    row: typeof smes.$inferSelect;
    capabilities: Sme['capabilities'];
    certifications: Sme['certifications'];
  }): Sme {
    const { row } = selected;
    return {
      id: row.id,
      ownerId: row.ownerId,
      name: row.name,
      postcode: row.postcode,
      location: { lat: row.lat, lon: row.lon },
      locationSource: row.locationSource,
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

  // Prepared once: building drizzle queries costs more than running these on PostgreSQL.
  const profileById = selectProfiles(db)
    .where(eq(smes.id, sql.placeholder('id')))
    .prepare('sme_profile_by_id');
  /**
   * Every filter of the list in one prepared statement: a null parameter
   * switches its filter off. The box lets the (lat, lon) index discard most
   * rows before the exact distance is computed.
   */
  const param = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;
  const listProfiles = selectProfiles(db)
    .where(
      sql`(${param('afterId', 'uuid')} is null or smes.id > ${param('afterId', 'uuid')})
        and (${param('ownerId', 'uuid')} is null or smes.owner_id = ${param('ownerId', 'uuid')})
        and (${param('skill', 'text')} is null or exists (
          select 1 from sme_capabilities c where c.sme_id = smes.id and c.skill = ${param('skill', 'text')}))
        and (${param('lat', 'float8')} is null or (
          smes.lat between ${param('minLat', 'float8')} and ${param('maxLat', 'float8')}
          and smes.lon between ${param('minLon', 'float8')} and ${param('maxLon', 'float8')}
          and ${haversineKmSql(smes.lat, smes.lon, param('lat', 'float8'), param('lon', 'float8'))} <= ${param('radiusKm', 'float8')}))`,
    )
    .orderBy(asc(smes.id))
    .limit(sql.placeholder('limit'))
    .prepare('sme_profiles_list');

  return {
    async insert(ownerId: string, input: Placed<SmeInput>, tx: Executor = db): Promise<string> {
      const [row] = await tx
        .insert(smes)
        .values({ ownerId, ...profileColumns(input) })
        .returning({ id: smes.id });
      await insertChildren(tx, row!.id, input);
      return row!.id;
    },

    /** Replaces the whole profile; capabilities and certifications are rewritten, not merged. */
    async replace(smeId: string, input: Placed<SmeInput>, tx: Executor = db): Promise<void> {
      await tx
        .update(smes)
        .set({ ...profileColumns(input), updatedAt: sql`now()` })
        .where(eq(smes.id, smeId));
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

    async get(smeId: string, tx?: Executor): Promise<Sme | undefined> {
      const [selected] = tx
        ? await selectProfiles(tx).where(eq(smes.id, smeId))
        : await profileById.execute({ id: smeId });
      return selected && toSme(selected);
    },

    async getMany(smeIds: readonly string[], tx: Executor = db): Promise<Sme[]> {
      if (smeIds.length === 0) return [];
      return (await selectProfiles(tx).where(inArray(smes.id, [...smeIds]))).map(toSme);
    },

    async list(filter: SmeFilter): Promise<Sme[]> {
      const box = filter.near && boundingBox(filter.near.center, filter.near.radiusKm);
      const selected = await listProfiles.execute({
        afterId: filter.afterId ?? null,
        ownerId: filter.ownerId ?? null,
        skill: filter.skill ?? null,
        lat: filter.near?.center.lat ?? null,
        lon: filter.near?.center.lon ?? null,
        radiusKm: filter.near?.radiusKm ?? null,
        minLat: box?.minLat ?? null,
        maxLat: box?.maxLat ?? null,
        minLon: box?.minLon ?? null,
        maxLon: box?.maxLon ?? null,
        limit: filter.limit,
      });
      return selected.map(toSme);
    },
  };
}
export type SmeStore = ReturnType<typeof createSmeStore>;
