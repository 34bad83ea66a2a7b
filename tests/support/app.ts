import { buildApp, type App, type AppOptions } from '@lepa/server';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  app: App;
  close(): Promise<void>;
}

/** A whole Lepa app on its own empty database, driven with inject. */
export async function startTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
    authAttemptsPerMinute: 10_000,
    ...options,
  });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
