import { asc, eq, inArray, sql } from 'drizzle-orm';
import { rawStatement, smes, type Executor } from '@lepa/db';
import { toPennies, type Location, type Skill, type Sme, type SmeInput } from '@lepa/shared';
import { boundingBox, haversineKmSql } from '../common/geo-sql.ts';
import type { Placed } from '../geo/place.ts';
import type { FirmFootprint } from '../changes/change-event.ts';
import { lotsBumpedByFirmFootprints } from '../changes/affected-lots.ts';

export interface SmeFilter {
  skill?: Skill | undefined;
  near?: { center: Location; radiusKm: number } | undefined;
  ownerId?: string | undefined;
  afterId?: string | undefined;
  limit: number;
}

/** The footprint before/after a write, as FirmFootprint, and the lots it bumped; see lotsBumpedByFirmFootprints. */
export interface ProfileWrite {
  sme: Sme;
  before: FirmFootprint | null;
  /** Every open lot the firm reaches before or after the write. */
  lotIds: string[];
  /** Of those, the ones locked by a concurrent writer: bump them again once this write has committed. */
  unbumpedLotIds: string[];
  /** The change's number, taken by the same statement that bumped the lots (see publishChange). */
  seq: number;
}

interface WrittenRow {
  id: string;
  ownerId: string;
  createdAt: string;
  updatedAt: string;
  capabilities: Sme['capabilities'];
  certifications: { scheme: Sme['certifications'][number]['scheme']; reference: string | null; expires: string }[];
  before: { lat: number; lon: number; serviceRadiusKm: number; skills: Skill[] } | null;
  lotIds: string[];
  bumpedLotIds: string[];
  seq: number;
}

/** A placeholder with its type, for the statements built once below (rawStatement). */
const param = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;

/** The profile's own columns, with the placeholder of each one's value. */
const PROFILE_FIELDS = [
  ['name', 'name', 'text'],
  ['postcode', 'postcode', 'text'],
  ['lat', 'lat', 'float8'],
  ['lon', 'lon', 'float8'],
  ['location_source', 'locationSource', 'text'],
  ['service_radius_km', 'serviceRadiusKm', 'float8'],
  ['employees', 'employees', 'int'],
  ['ownership', 'ownership', 'text'],
  ['real_living_wage', 'realLivingWage', 'boolean'],
  ['apprentices', 'apprentices', 'int'],
  ['local_employees_pct', 'localEmployeesPct', 'float8'],
  ['charter_signatory', 'charterSignatory', 'boolean'],
] as const;
const PROFILE_COLUMNS = sql.raw(PROFILE_FIELDS.map(([column]) => column).join(', '));
const PROFILE_VALUES = sql.join(
  PROFILE_FIELDS.map(([, name, type]) => param(name, type)),
  sql`, `,
);

/**
 * The values of a write's placeholders: the profile's columns, its child rows as JSON keyed by
 * SQL column name (money in pennies, as stored) and its skills for the footprint after the write.
 */
function writeValues(input: Placed<SmeInput>) {
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
    capabilities: JSON.stringify(
      input.capabilities.map((c) => ({
        skill: c.skill,
        capacity_per_month: c.capacityPerMonth,
        unit_price: toPennies(c.unitPrice),
      })),
    ),
    certifications: JSON.stringify(
      input.certifications.map((c) => ({ scheme: c.scheme, reference: c.reference ?? null, expires: c.expires })),
    ),
    skills: `{${input.capabilities.map((c) => c.skill).join(',')}}`,
  };
}

/**
 * The child rows a write leaves, as CTEs `capabilities_wanted` and `certifications_wanted` (in the
 * order given): the input in the tables' own types, so the answer reads as a later read would.
 */
const WANTED_CHILDREN = sql`capabilities_wanted as (
    select c.skill, c.capacity_per_month, c.unit_price
    from json_populate_recordset(null::sme_capabilities, ${param('capabilities', 'json')}) c),
  certifications_wanted as (
    select c.scheme, c.reference, c.expires, c.ordinality
    from json_populate_recordset(null::sme_certifications, ${param('certifications', 'json')}) with ordinality c)`;

/** The firm after a write: CTEs `written` (the smes row) and WANTED_CHILDREN. */
const WRITTEN_PROFILE =
  sql.raw(`'id', w.id, 'ownerId', w.owner_id, 'createdAt', w.created_at, 'updatedAt', w.updated_at,
  'capabilities', coalesce((select json_agg(json_build_object(
    'skill', c.skill, 'capacityPerMonth', c.capacity_per_month, 'unitPrice', c.unit_price::float8 / 100) order by c.skill)
    from capabilities_wanted c), '[]'::json),
  'certifications', coalesce((select json_agg(json_build_object(
    'scheme', x.scheme, 'reference', x.reference, 'expires', x.expires) order by x.ordinality)
    from certifications_wanted x), '[]'::json)`);

/** The firm's footprint and row version before the write, as a CTE `old` (no row for a missing firm). */
const OLD_FOOTPRINT = sql`old as (
    select xmin as row_version, lat, lon, service_radius_km,
      array(select skill from sme_capabilities where sme_id = ${param('smeId', 'uuid')}) as skills
    from smes where id = ${param('smeId', 'uuid')})`;

/**
 * Fields of WrittenRow that need CTEs `affected_lots`, `bumped_lots` and (optionally) `old`. The change
 * number is taken in the statement that bumps the lots, so it is issued before anyone can see the bump.
 */
const BEFORE_AND_LOTS = sql.raw(`'before', (select json_build_object('lat', lat, 'lon', lon,
    'serviceRadiusKm', service_radius_km, 'skills', skills) from old),
  'lotIds', coalesce((select json_agg(id) from affected_lots), '[]'::json),
  'bumpedLotIds', coalesce((select json_agg(id) from bumped_lots), '[]'::json),
  'seq', nextval('change_seq')`);

/** The firm's footprint after the write, for firm_footprints. */
const FOOTPRINT_AFTER = sql`select ${param('lat', 'float8')}, ${param('lon', 'float8')},
    ${param('serviceRadiusKm', 'float8')}, ${param('skills', 'text[]')}`;

/** The one JSON column of a statement's first row: postgres.js answers an array of rows, PGlite `{ rows }`. */
function jsonResult<T>(result: unknown, column: string): T {
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const value = rows[0]?.[column];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function written(row: Pick<WrittenRow, 'before' | 'lotIds' | 'bumpedLotIds' | 'seq'>): Omit<ProfileWrite, 'sme'> {
  const bumped = new Set(row.bumpedLotIds);
  return {
    before: row.before,
    lotIds: row.lotIds,
    unbumpedLotIds: row.lotIds.filter((id) => !bumped.has(id)),
    seq: Number(row.seq),
  };
}

function toWrite(input: Placed<SmeInput>, row: WrittenRow): ProfileWrite {
  return {
    ...written(row),
    sme: {
      id: row.id,
      ownerId: row.ownerId,
      name: input.name,
      postcode: input.postcode ?? null,
      location: { lat: input.location.lat, lon: input.location.lon },
      locationSource: input.locationSource,
      serviceRadiusKm: input.serviceRadiusKm,
      employees: input.employees,
      ownership: input.ownership,
      capabilities: row.capabilities,
      certifications: row.certifications,
      socialValue: { ...input.socialValue },
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
    },
  };
}

const insertProfile = rawStatement(sql`with
  written as (
    insert into smes (owner_id, ${PROFILE_COLUMNS}) values (${param('ownerId', 'uuid')}, ${PROFILE_VALUES})
    returning id, owner_id, created_at, updated_at),
  ${WANTED_CHILDREN},
  capabilities_written as (
    insert into sme_capabilities (sme_id, skill, capacity_per_month, unit_price)
    select (select id from written), c.skill, c.capacity_per_month, c.unit_price from capabilities_wanted c),
  certifications_written as (
    insert into sme_certifications (sme_id, scheme, reference, expires)
    select (select id from written), c.scheme, c.reference, c.expires from certifications_wanted c
    order by c.ordinality),
  old (lat, lon, service_radius_km, skills) as (select 0::float8, 0::float8, 0::float8, '{}'::text[] where false),
  firm_footprints (lat, lon, service_radius_km, skills) as (${FOOTPRINT_AFTER}),
  ${lotsBumpedByFirmFootprints}
  select json_build_object(${WRITTEN_PROFILE}, ${BEFORE_AND_LOTS}) as written from written w`);

/**
 * Child rows are written only where they differ (most saves change a field or two): unchanged
 * capabilities keep their rows, and certifications, an ordered list, are rewritten only when the
 * list changed. The guard (owner and row version) makes this safe on its own, outside a transaction: the
 * statement's snapshot may predate a concurrent write of the same firm, whose row version (xmin)
 * then no longer matches once this update holds the row, so "before" is never stale. Every other
 * part waits for the firm's update (they read `written`) and does nothing when it wrote nothing.
 */
const replaceProfile = rawStatement(sql`with
  ${OLD_FOOTPRINT},
  written as (
    update smes set (${PROFILE_COLUMNS}, updated_at) = (${PROFILE_VALUES}, now())
    where id = ${param('smeId', 'uuid')} and owner_id = ${param('ownerId', 'uuid')}
      and xmin = (select row_version from old)
    returning id, owner_id, created_at, updated_at),
  ${WANTED_CHILDREN},
  capabilities_written as (
    insert into sme_capabilities (sme_id, skill, capacity_per_month, unit_price)
    select w.id, c.skill, c.capacity_per_month, c.unit_price from written w, capabilities_wanted c
    on conflict (sme_id, skill) do update
      set capacity_per_month = excluded.capacity_per_month, unit_price = excluded.unit_price
      where (sme_capabilities.capacity_per_month, sme_capabilities.unit_price)
        is distinct from (excluded.capacity_per_month, excluded.unit_price)),
  capabilities_dropped as (
    delete from sme_capabilities where sme_id in (select id from written)
      and skill not in (select skill from capabilities_wanted)),
  certifications_changed as (
    select 1 from written w where
      (select coalesce(jsonb_agg(jsonb_build_array(x.scheme, x.reference, x.expires) order by x.id), '[]')
        from sme_certifications x where x.sme_id = w.id)
      is distinct from
      (select coalesce(jsonb_agg(jsonb_build_array(c.scheme, c.reference, c.expires) order by c.ordinality), '[]')
        from certifications_wanted c)),
  certifications_dropped as (
    delete from sme_certifications where sme_id in (select id from written)
      and exists (select 1 from certifications_changed)),
  certifications_written as (
    insert into sme_certifications (sme_id, scheme, reference, expires)
    select w.id, c.scheme, c.reference, c.expires from written w, certifications_wanted c
    where exists (select 1 from certifications_changed)
    order by c.ordinality),
  firm_footprints (lat, lon, service_radius_km, skills) as (
    select lat, lon, service_radius_km, skills from old where exists (select 1 from written)
    union all ${FOOTPRINT_AFTER} where exists (select 1 from written)),
  ${lotsBumpedByFirmFootprints}
  select json_build_object(${WRITTEN_PROFILE}, ${BEFORE_AND_LOTS}) as written from written w`);

const removeProfile = rawStatement(sql`with
  ${OLD_FOOTPRINT},
  removed as (delete from smes where id = ${param('smeId', 'uuid')}),
  firm_footprints (lat, lon, service_radius_km, skills) as (select lat, lon, service_radius_km, skills from old),
  ${lotsBumpedByFirmFootprints}
  select json_build_object(${BEFORE_AND_LOTS}) as removed`);

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
            'skill', c.skill, 'capacityPerMonth', c.capacity_per_month, 'unitPrice', c.unit_price::float8 / 100) order by c.skill)
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
    /**
     * One statement, so no transaction is needed: the firm, its child rows and
     * the revision bump of every lot it reaches.
     */
    async insert(ownerId: string, input: Placed<SmeInput>, tx: Executor = db): Promise<ProfileWrite> {
      const row = jsonResult<WrittenRow>(await insertProfile(tx, { ...writeValues(input), ownerId }), 'written');
      return toWrite(input, row);
    },

    /**
     * Replaces the whole profile in one statement (capabilities and
     * certifications become the input's, not merged with the old) and bumps the lots the firm
     * reaches before or after; undefined, with nothing written, unless the firm
     * is the owner's and unchanged since the statement began (see replaceProfile).
     */
    async replace(
      smeId: string,
      ownerId: string,
      input: Placed<SmeInput>,
      tx: Executor = db,
    ): Promise<ProfileWrite | undefined> {
      const row = jsonResult<WrittenRow | undefined>(
        await replaceProfile(tx, { ...writeValues(input), smeId, ownerId }),
        'written',
      );
      return row && toWrite(input, row);
    },

    /** Deletes the firm (its child rows cascade) and bumps the lots it reached. Call with its row locked. */
    async remove(smeId: string, tx: Executor): Promise<Omit<ProfileWrite, 'sme'>> {
      return written(jsonResult(await removeProfile(tx, { smeId }), 'removed'));
    },

    /** Locks the row so a concurrent edit of the same firm waits instead of interleaving. */
    async lockForUpdate(smeId: string, tx: Executor) {
      // No key update: foreign keys to the firm (bookings, members) may still be checked meanwhile.
      const [row] = await tx
        .select({ ownerId: smes.ownerId })
        .from(smes)
        .where(eq(smes.id, smeId))
        .for('no key update');
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
