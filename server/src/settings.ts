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
});
export type Settings = Static<typeof SettingsSchema>;

export class SettingsError extends Error {}

const ON_OFF: Record<string, boolean> = { on: true, off: false, true: true, false: false, '1': true, '0': false };

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const demoRaw = (env.LEPA_DEMO_DATA ?? 'on').toLowerCase();
  if (!(demoRaw in ON_OFF))
    throw new SettingsError(`LEPA_DEMO_DATA must be "on" or "off", got "${env.LEPA_DEMO_DATA}"`);
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
  };
  const firstError = Value.Errors(SettingsSchema, candidate)[0];
  if (firstError) {
    const field = firstError.instancePath.slice(1) || 'settings';
    throw new SettingsError(`Invalid setting ${ENV_NAMES[field] ?? field}: ${firstError.message}`);
  }
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
};
