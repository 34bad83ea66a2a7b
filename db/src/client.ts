import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Data access functions take either the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /**
   * Resolves when a trivial query succeeds; rejects when the database cannot be reached or does
   * not answer within `timeoutMs` (default 2 s). On PostgreSQL a ping that times out also drops
   * every pooled connection (their queries fail at once) so the pool reconnects from scratch.
   */
  ping(timeoutMs?: number): Promise<void>;
  /**
   * Change events between server instances: NOTIFY on PostgreSQL, PGlite's own
   * LISTEN in-process. `onListening` runs each time the listening connection is
   * (re-)established: notifications sent while it was down are lost.
   */
  listen(channel: string, onPayload: (payload: string) => void, onListening?: () => void): Promise<() => Promise<void>>;
  /**
   * Sends the payloads on the channel, in this order, in one statement. Like
   * NOTIFY in one transaction, a payload repeated within one call arrives once.
   */
  notify(channel: string, payloads: readonly string[]): Promise<void>;
  /**
   * Opens every pooled connection now (PostgreSQL; nothing on PGlite): the pool opens them as load
   * needs, so without this the first burst of requests after a start waits for connections.
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; when absent, embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite folder; `memory` keeps everything in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number | undefined;
  /** PostgreSQL: give up opening a connection after this long (default 3 s). */
  connectTimeoutMs?: number | undefined;
  /** PostgreSQL: the server cancels any statement running longer (default 15 s). */
  statementTimeoutMs?: number | undefined;
}

/** A ping that does not answer in time; mapped to 503 like a refused connection. */
export class DatabaseDeadlineError extends Error {
  readonly code = 'DATABASE_DEADLINE';
  constructor(timeoutMs: number) {
    super(`The database did not answer within ${timeoutMs} ms`);
  }
}

function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DatabaseDeadlineError(timeoutMs)), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
const DEFAULT_PING_TIMEOUT_MS = 2000;
/** Notifications from one statement arrive in the order it sends them, which is the array's. */
const NOTIFY_ALL = 'select pg_notify($1, payload) from json_array_elements_text($2::json) as payload';

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));
const casing = 'snake_case' as const;
/** Any fixed number: every instance takes the same lock so only one migrates at a time. */
const MIGRATION_LOCK_KEY = 72_657_001;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, {
        max: options.maxConnections ?? 10,
        connectTimeoutMs: options.connectTimeoutMs ?? 3000,
        statementTimeoutMs: options.statementTimeoutMs ?? 15_000,
      })
    : openPglite(options.dataDir ?? './data');
}

async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const client = dataDir === 'memory' ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite({ client, schema, casing });
  await migratePglite(db, { migrationsFolder });
  return {
    kind: 'pglite',
    db: db as unknown as Db,
    async ping(timeoutMs = DEFAULT_PING_TIMEOUT_MS) {
      await withDeadline(client.query('select 1'), timeoutMs);
    },
    async listen(channel, onPayload, onListening) {
      const unlisten = await client.listen(channel, onPayload);
      onListening?.();
      return unlisten;
    },
    async notify(channel, payloads) {
      await client.query(NOTIFY_ALL, [channel, JSON.stringify(payloads)]);
    },
    async warm() {},
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

type Sql = postgres.Sql;

/**
 * drizzle sends unnamed queries with `prepare: false`, so PostgreSQL parses and
 * plans every one of them (measured: about 6× the time of the query itself).
 * This view of the client lets postgres.js prepare and reuse them per
 * connection, in transactions too.
 */
function preparingStatements(sql: Sql, current: () => Sql = () => sql): Sql {
  return new Proxy(sql, {
    apply(_target, thisArgument, args) {
      return Reflect.apply(current() as unknown as (...a: unknown[]) => unknown, thisArgument, args);
    },
    get(_target, property) {
      const target = current();
      if (property === 'unsafe') {
        return (query: string, parameters?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(query, parameters as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const callback = args.pop() as (transaction: Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (transaction: Sql) =>
            callback(preparingStatements(transaction)),
          );
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

interface PostgresOptions {
  max: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
}

interface Subscription {
  channel: string;
  onPayload: (payload: string) => void;
  onListening: (() => void) | undefined;
  /** Ends the subscription on the listening connection it is on now. */
  unlisten: () => Promise<void>;
}

/** Pause between attempts to listen again on a replaced connection while the database is still away. */
const RELISTEN_INTERVAL_MS = 1000;

/**
 * A pool that never waits forever: connections time out, statements are cancelled by the server
 * after `statementTimeoutMs`, and when the database stops answering altogether (a network that
 * silently drops packets) a timed-out ping replaces the whole pool, failing the queries stuck on
 * it, so requests get 503s and service resumes by itself once the database answers again. The
 * listening connection is replaced too: the database may have ended its session during the
 * outage without this side hearing of it, and such a connection would wait for notifications
 * forever.
 */
async function openPostgres(url: string, options: PostgresOptions): Promise<Database> {
  await migrateWithLock(url);
  // No connection runs postgres.js's array-type query on connect: postgres.js starts it without awaiting it, so
  // an outage that cuts a new connection during that query leaves a rejection nobody hears, which ends the
  // process. drizzle reads and writes array columns itself, and raw queries return lists as JSON instead.
  const connect = (max: number) =>
    postgres(url, {
      max,
      fetch_types: false,
      onnotice: () => {},
      connect_timeout: Math.max(1, Math.ceil(options.connectTimeoutMs / 1000)),
      connection: { statement_timeout: options.statementTimeoutMs },
    });
  let pool = connect(options.max);
  // Its own connection: a pool busy with slow but healthy work must not read as an unreachable database.
  let pinger = connect(1);
  let listener = connect(1);
  const subscriptions = new Set<Subscription>();
  let closed = false;
  const db = drizzlePostgres({ client: preparingStatements(pool, () => pool), schema, casing });
  let replacing: Promise<void> | undefined;

  /** Listens on the current listening connection, retrying until the database answers (or the app closes). */
  async function relisten(subscription: Subscription) {
    while (!closed && subscriptions.has(subscription)) {
      try {
        const listening = await listener.listen(subscription.channel, subscription.onPayload, subscription.onListening);
        subscription.unlisten = () => listening.unlisten();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, RELISTEN_INTERVAL_MS));
      }
    }
  }

  async function replacePools() {
    const [oldPool, oldPinger, oldListener] = [pool, pinger, listener];
    pool = connect(options.max);
    pinger = connect(1);
    listener = connect(1);
    for (const subscription of subscriptions) {
      // Its listening ends with the old connection; there is nothing to undo there.
      subscription.unlisten = async () => {};
      void relisten(subscription);
    }
    void oldListener.end({ timeout: 0 }).catch(() => {});
    // drizzle set its type parsers on the first pool's options; the new one needs the same.
    Object.assign(pool.options.parsers, oldPool.options.parsers);
    Object.assign(pool.options.serializers, oldPool.options.serializers);
    await Promise.all([oldPool.end({ timeout: 0 }), oldPinger.end({ timeout: 0 })]).catch(() => {});
  }

  return {
    kind: 'postgres',
    db: db as unknown as Db,
    async ping(timeoutMs = DEFAULT_PING_TIMEOUT_MS) {
      try {
        await withDeadline(pinger`select 1`, timeoutMs);
      } catch (error) {
        if (error instanceof DatabaseDeadlineError) replacing ??= replacePools().finally(() => (replacing = undefined));
        throw error;
      }
    },
    async listen(channel, onPayload, onListening) {
      const listening = await listener.listen(channel, onPayload, onListening);
      const subscription: Subscription = { channel, onPayload, onListening, unlisten: () => listening.unlisten() };
      subscriptions.add(subscription);
      return async () => {
        subscriptions.delete(subscription);
        // UNLISTEN is a query: with the database unreachable it would hold shutdown up, and closing the
        // connection ends the subscription anyway.
        await withDeadline(subscription.unlisten(), DEFAULT_PING_TIMEOUT_MS).catch(() => {});
      };
    },
    async notify(channel, payloads) {
      await pool.unsafe(NOTIFY_ALL, [channel, JSON.stringify(payloads)], { prepare: true });
    },
    async warm() {
      // As many queries at once as the pool holds connections: each finds none idle and opens one.
      await Promise.all(Array.from({ length: options.max }, () => pool`select 1`));
    },
    async close() {
      closed = true;
      await Promise.all([pool.end({ timeout: 5 }), pinger.end({ timeout: 5 }), listener.end({ timeout: 5 })]);
    },
  };
}

/** Several instances may start at once; an advisory lock on one connection serialises their migrations. */
async function migrateWithLock(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client, casing }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
