import fp from 'fastify-plugin';
import { openDatabase, type Database } from '@lepa/db';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}

export interface DatabasePluginOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** Opens the database (running migrations) and closes it after the server has drained. */
export default fp<DatabasePluginOptions>(
  async (app, options) => {
    const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
    app.decorate('database', database);
    app.addHook('onClose', async () => {
      await database.close();
    });
  },
  { name: 'database' },
);
