import fp from 'fastify-plugin';
import { openDatabase, type Database } from '@lepa/db';
import { AppError } from '../common/errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}

export interface DatabasePluginOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  connectTimeoutMs?: number | undefined;
  statementTimeoutMs?: number | undefined;
}

/** A request still running after this long asks whether the database answers at all. */
const STALL_CHECK_MS = 2500;
const STALL_PING_MS = 1500;

/** Opens the database (running migrations) and closes it after the server has drained. */
export default fp<DatabasePluginOptions>(
  async (app, options) => {
    const database = await openDatabase(options);
    app.decorate('database', database);
    app.addHook('onClose', async () => {
      await database.close();
    });
    if (database.kind !== 'postgres') return;
    app.addHook('onReady', async () => {
      await database.warm().catch((error: unknown) => app.log.warn({ err: error }, 'could not open the pool at start'));
    });

    // A request stuck on a database that stopped answering gets a 503 within about 4 s instead of
    // hanging; the timed-out ping also replaces the pool, failing the stuck queries.
    app.addHook('onRequest', async (request, reply) => {
      const timer = setTimeout(() => {
        if (reply.sent || request.raw.destroyed) return;
        database.ping(STALL_PING_MS).catch(() => {
          if (reply.sent || request.raw.destroyed) return;
          void reply.send(
            new AppError(503, 'database_unavailable', 'The database is unavailable; try again shortly', undefined, 5),
          );
        });
      }, STALL_CHECK_MS);
      timer.unref();
      reply.raw.once('close', () => clearTimeout(timer));
    });
  },
  { name: 'database' },
);
