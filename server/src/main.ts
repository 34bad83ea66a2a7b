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

  // buildApp builds by role: a matching worker gets only the database, the change bus, matching and
  // the operational routes (health, diagnostics); the options only a web app uses are ignored there.
  const app = await buildApp({
    databaseUrl: settings.databaseUrl,
    dataDir: settings.dataDir,
    logger: { level: settings.logLevel },
    publicUrl: settings.publicUrlGiven ? settings.publicUrl : undefined,
    trustProxy: settings.trustProxy,
    limits: settings.limits,
    metrics: { enabled: settings.metrics, host: settings.metricsHost, port: settings.metricsPort },
    demoSignIns: settings.demoData,
    mail: { smtpUrl: settings.smtpUrl, from: settings.mailFrom, publicUrl: settings.publicUrl },
    matching: {
      role: settings.role,
      concurrency: settings.matchingConcurrency,
      threads: settings.matchingThreads,
      lockTimeoutMs: settings.matchingLockTimeoutMs,
    },
    diagnostics: settings.diagnostics,
  });

  // The web instances load the demo: a worker serves nobody the demo is for, and loading it there too would
  // race them for the empty database (the loser's inserts fail on the accounts' unique emails).
  if (settings.demoData && settings.role !== 'worker') {
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
      // Requests still running at the deadline (a stalled database, say) do not hold the exit.
      setTimeout(() => {
        app.log.error(`shutdown took over ${settings.limits.shutdownTimeoutMs} ms; exiting anyway`);
        process.exit(1);
      }, settings.limits.shutdownTimeoutMs).unref();
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
  const serves = settings.role === 'worker' ? `health at ${address}/api/health` : `API docs at ${address}/docs`;
  console.log(`Lepa is running at ${address} (${database}, role ${settings.role}); ${serves}`);
}

await main();
