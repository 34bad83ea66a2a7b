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
  /** LEPA_PUBLIC_URL was set: only then does it decide the allowed Origin (else the request's own host). */
  publicUrlGiven: Type.Boolean(),
  /** Proxies whose X-Forwarded-* headers are believed: comma-separated addresses or CIDR ranges; absent = none. */
  trustProxy: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F.:/]+(\\s*,\\s*[0-9a-fA-F.:/]+)*$' })),
  metrics: Type.Boolean(),
  metricsHost: Type.String({ minLength: 1 }),
  metricsPort: Type.Integer({ minimum: 0, maximum: 65535 }),
  limits: Type.Object({
    requestTimeoutMs: Type.Integer({ minimum: 1000, maximum: 3_600_000 }),
    headersTimeoutMs: Type.Integer({ minimum: 1000, maximum: 600_000 }),
    shutdownTimeoutMs: Type.Integer({ minimum: 1000, maximum: 600_000 }),
    databaseConnectTimeoutMs: Type.Integer({ minimum: 500, maximum: 60_000 }),
    databaseStatementTimeoutMs: Type.Integer({ minimum: 500, maximum: 3_600_000 }),
    socketsPerAddress: Type.Integer({ minimum: 1, maximum: 100_000 }),
    unauthenticatedSockets: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    socketSignInMs: Type.Integer({ minimum: 100, maximum: 600_000 }),
    subscriptionsPerSocket: Type.Integer({ minimum: 1, maximum: 100_000 }),
    loginAttemptsPerAddress: Type.Integer({ minimum: 1, maximum: 100_000 }),
    passwordHashQueue: Type.Integer({ minimum: 1, maximum: 10_000 }),
  }),
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
  const metricsRaw = (env.LEPA_METRICS ?? 'off').toLowerCase();
  if (!(metricsRaw in ON_OFF)) throw new SettingsError(`LEPA_METRICS must be "on" or "off", got "${env.LEPA_METRICS}"`);
  const trustProxy = env.LEPA_TRUST_PROXY?.trim();
  const [metricsHost, metricsPort] = splitAddress(env.LEPA_METRICS_ADDRESS ?? '127.0.0.1:9464');
  const portRaw = env.PORT ?? '3000';
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
    matchingConcurrency: integer(env.LEPA_MATCHING_CONCURRENCY, 8),
    matchingThreads: integer(env.LEPA_MATCHING_THREADS, 1),
    matchingLockTimeoutMs: integer(env.LEPA_MATCHING_LOCK_TIMEOUT_MS, 30_000),
    diagnostics: ON_OFF[diagnosticsRaw],
    publicUrlGiven: Boolean(env.LEPA_PUBLIC_URL),
    trustProxy: trustProxy && trustProxy.toLowerCase() !== 'off' ? trustProxy : undefined,
    metrics: ON_OFF[metricsRaw],
    metricsHost,
    metricsPort,
    limits: Object.fromEntries(
      Object.entries(LIMIT_VARIABLES).map(([key, name]) => [
        key,
        integer(env[name], DEFAULT_LIMITS[key as keyof Limits]),
      ]),
    ),
  };
  const firstError = Value.Errors(SettingsSchema, candidate)[0];
  if (firstError) {
    const field = firstError.instancePath.slice(1).replace('/', '.') || 'settings';
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
  trustProxy: 'LEPA_TRUST_PROXY',
  metrics: 'LEPA_METRICS',
  metricsHost: 'LEPA_METRICS_ADDRESS',
  metricsPort: 'LEPA_METRICS_ADDRESS',
};

export type Limits = Settings['limits'];

/** Request, socket and database bounds; each can be changed by the variable named in LIMIT_VARIABLES. */
export const DEFAULT_LIMITS: Limits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  shutdownTimeoutMs: 10_000,
  databaseConnectTimeoutMs: 3_000,
  databaseStatementTimeoutMs: 15_000,
  socketsPerAddress: 50,
  unauthenticatedSockets: 500,
  socketSignInMs: 10_000,
  subscriptionsPerSocket: 200,
  loginAttemptsPerAddress: 30,
  passwordHashQueue: 8,
};

const LIMIT_VARIABLES: Record<keyof Limits, string> = {
  requestTimeoutMs: 'LEPA_REQUEST_TIMEOUT_MS',
  headersTimeoutMs: 'LEPA_HEADERS_TIMEOUT_MS',
  shutdownTimeoutMs: 'LEPA_SHUTDOWN_TIMEOUT_MS',
  databaseConnectTimeoutMs: 'LEPA_DB_CONNECT_TIMEOUT_MS',
  databaseStatementTimeoutMs: 'LEPA_DB_STATEMENT_TIMEOUT_MS',
  socketsPerAddress: 'LEPA_WS_PER_ADDRESS',
  unauthenticatedSockets: 'LEPA_WS_UNAUTHENTICATED',
  socketSignInMs: 'LEPA_WS_SIGN_IN_MS',
  subscriptionsPerSocket: 'LEPA_WS_SUBSCRIPTIONS',
  loginAttemptsPerAddress: 'LEPA_LOGIN_ATTEMPTS_PER_ADDRESS',
  passwordHashQueue: 'LEPA_PASSWORD_HASH_QUEUE',
};
for (const [key, name] of Object.entries(LIMIT_VARIABLES)) ENV_NAMES[`limits.${key}`] = name;

function integer(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
}

/** `host:port`, `[v6]:port` or a bare port. */
function splitAddress(raw: string): [string, number] {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(raw) ?? /^()()(\d+)$/.exec(raw);
  if (!match) throw new SettingsError(`LEPA_METRICS_ADDRESS must be host:port, got "${raw}"`);
  return [match[1] || match[2] || '127.0.0.1', Number(match[3])];
}
