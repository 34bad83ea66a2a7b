import { buildApp } from './app.ts';
import { readSettings, SettingsError } from './settings.ts';
import { loadDemoDataIfEmpty } from './demo/load.ts';

async function main() {
  let settings;
  try {
    settings = readSettings(process.env);
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(`Lepa cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const app = await buildApp({
    databaseUrl: settings.databaseUrl,
    dataDir: settings.dataDir,
    logger: { level: settings.logLevel },
    demoSignIns: settings.demoData,
    mail: { smtpUrl: settings.smtpUrl, from: settings.mailFrom, publicUrl: settings.publicUrl },
  });

  if (settings.demoData) {
    const loaded = await loadDemoDataIfEmpty(app.database.db);
    if (loaded) app.log.info(loaded, 'loaded the West Midlands demo data');
  }

  // SIGTERM lets in-flight requests finish, then closes the database cleanly. Their responses
  // close the connection, or a kept-alive client would hold the exit open for keepAliveTimeout.
  let closing = false;
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      closing = true;
      app.log.info(`${signal} received, shutting down`);
      app.close().then(
        () => process.exit(0),
        (error) => {
          app.log.error(error);
          process.exit(1);
        },
      );
    });
  }

  const address = await app.listen({ port: settings.port, host: settings.host });
  const database = settings.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${settings.dataDir}`;
  console.log(`Lepa is running at ${address} (${database}); API docs at ${address}/docs`);
}

await main();
