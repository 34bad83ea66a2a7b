import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/** Everything Lepa reads from the environment, checked once at boot. */
const SettingsSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  dataDir: Type.String({ minLength: 1 }),
  demoData: Type.Boolean(),
  logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  smtpUrl: Type.Optional(Type.String({ pattern: '^smtps?://[^\\s]+$' })),
  mailFrom: Type.String({ minLength: 3, pattern: '@' }),
  publicUrl: Type.String({ pattern: '^https?://[^\\s/]+(/[^\\s]*)?$' }),
  role: Type.Enum(['web', 'worker', 'all']),
  matchingConcurrency: Type.Integer({ minimum: 1, maximum: 1000 }),
  matchingThreads: Type.Integer({ minimum: 1, maximum: 64 }),
  matchingLockTimeoutMs: Type.Integer({ minimum: 100 }),
  diagnostics: Type.Boolean(),
});
export type Settings = Static<typeof SettingsSchema>;

export class SettingsError extends Error {}

const ON_OFF: Record<string, boolean> = { on: true, off: false, true: true, false: false, '1': true, '0': false };

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const demoRaw = (env.LEPA_DEMO_DATA ?? 'on').toLowerCase();
  if (!(demoRaw in ON_OFF))
    throw new SettingsError(`LEPA_DEMO_DATA must be "on" or "off", got "${env.LEPA_DEMO_DATA}"`);
  const diagnosticsRaw = (env.LEPA_DIAGNOSTICS ?? 'off').toLowerCase();
  if (!(diagnosticsRaw in ON_OFF))
    throw new SettingsError(`LEPA_DIAGNOSTICS must be "on" or "off", got "${env.LEPA_DIAGNOSTICS}"`);
  const portRaw = env.PORT ?? '3000';
  const integer = (raw: string | undefined, fallback: number) =>
    raw === undefined || raw === '' ? fallback : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  const candidate = {
    port: /^\d+$/.test(portRaw) ? Number(portRaw) : Number.NaN,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.LEPA_DATA_DIR ?? './data',
    demoData: ON_OFF[demoRaw],
    logLevel: env.LOG_LEVEL ?? 'info',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Lepa <lepa@localhost>',
    publicUrl: (env.LEPA_PUBLIC_URL ?? `http://${env.HOST ?? '127.0.0.1'}:${portRaw}`).replace(/\/+$/, ''),
    role: env.LEPA_ROLE || 'all',
    matchingConcurrency: integer(env.LEPA_MATCHING_CONCURRENCY, 16),
    matchingThreads: integer(env.LEPA_MATCHING_THREADS, 1),
    matchingLockTimeoutMs: integer(env.LEPA_MATCHING_LOCK_TIMEOUT_MS, 30_000),
    diagnostics: ON_OFF[diagnosticsRaw],
  };
  const firstError = Value.Errors(SettingsSchema, candidate)[0];
  if (firstError) {
    const field = firstError.instancePath.slice(1) || 'settings';
    throw new SettingsError(`Invalid setting ${ENV_NAMES[field] ?? field}: ${firstError.message}`);
  }
  if (candidate.role !== 'all' && !candidate.databaseUrl)
    throw new SettingsError(
      `LEPA_ROLE=${candidate.role} needs DATABASE_URL: embedded PGlite serves and solves in one process (LEPA_ROLE=all)`,
    );
  return candidate as Settings;
}

const ENV_NAMES: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'LEPA_DATA_DIR',
  demoData: 'LEPA_DEMO_DATA',
  logLevel: 'LOG_LEVEL',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'MAIL_FROM',
  publicUrl: 'LEPA_PUBLIC_URL',
  role: 'LEPA_ROLE',
  matchingConcurrency: 'LEPA_MATCHING_CONCURRENCY',
  matchingThreads: 'LEPA_MATCHING_THREADS',
  matchingLockTimeoutMs: 'LEPA_MATCHING_LOCK_TIMEOUT_MS',
  diagnostics: 'LEPA_DIAGNOSTICS',
};
