import fp from 'fastify-plugin';
import { MAIL_KINDS, type MailKind, type NotificationPreferences } from '@lepa/shared';
import type { Executor } from '@lepa/db';
import { createOutboxStore, createPreferenceStore, installationSecret, type MailDraft } from './outbox.ts';
import { expiringCertificates, newLotDigests } from './scan.ts';
import { createSender } from './sender.ts';
import { signUnsubscribe, verifyUnsubscribe } from './unsubscribe-token.ts';

export interface MailOptions {
  /** SMTP_URL; absent: mails are written to the log at info level with their link. */
  smtpUrl?: string | undefined;
  /** MAIL_FROM. */
  from: string;
  /** LEPA_PUBLIC_URL: where links in mails point (no trailing slash needed). */
  publicUrl: string;
  pollMs?: number;
  retryBaseMs?: number;
  maxRetryMs?: number;
  maxAttempts?: number;
  /** How often the digest of new lots and the certificate warnings are looked for. */
  scanIntervalMs?: number;
}

export interface MailService {
  /** Queues mail in the caller's transaction; call `wake` after the commit. */
  enqueue(drafts: readonly MailDraft[], tx?: Executor): Promise<number>;
  wake(): void;
  /** Delivers everything due now and resolves with the number sent. */
  deliverDue(): Promise<number>;
  /** Queues the day's digests and certificate warnings that are due. */
  scan(now?: Date): Promise<number>;
  /** `#/inbox` → `https://lepa.example/#/inbox`. */
  appLink(hash: string): string;
  /** An absolute link to a path of this server. */
  serverLink(path: string): string;
  preferences(userId: string): Promise<NotificationPreferences>;
  updatePreferences(userId: string, update: Partial<NotificationPreferences>): Promise<NotificationPreferences>;
  /** Switches off the kind a signed unsubscribe token names; undefined when the token is not genuine. */
  unsubscribe(token: string): Promise<MailKind | undefined>;
}

declare module 'fastify' {
  interface FastifyInstance {
    mail: MailService;
  }
}

const toPreferences = (muted: readonly MailKind[]) =>
  Object.fromEntries(MAIL_KINDS.map((kind) => [kind, !muted.includes(kind)])) as NotificationPreferences;

export default fp<MailOptions>(
  async (app, options) => {
    const db = app.database.db;
    const base = options.publicUrl.replace(/\/+$/, '');
    const secret = await installationSecret(db, 'unsubscribe-links');
    const serverLink = (path: string) => `${base}${path}`;
    const appLink = (hash: string) => `${base}/${hash}`;
    const outbox = createOutboxStore(db, (userId, kind) =>
      serverLink(`/api/mail/unsubscribe?token=${encodeURIComponent(signUnsubscribe(secret, userId, kind))}`),
    );
    const preferenceStore = createPreferenceStore(db);
    const sender = createSender({
      outbox,
      log: app.log,
      now: () => new Date(),
      options: {
        smtpUrl: options.smtpUrl,
        from: options.from,
        pollMs: options.pollMs ?? 2000,
        retryBaseMs: options.retryBaseMs ?? 5000,
        maxRetryMs: options.maxRetryMs ?? 30 * 60_000,
        maxAttempts: options.maxAttempts ?? 20,
      },
    });

    async function scan(now = new Date()) {
      const drafts = [...(await newLotDigests(db, now, appLink)), ...(await expiringCertificates(db, now, appLink))];
      const queued = await outbox.enqueue(drafts);
      if (queued > 0) sender.wake();
      return queued;
    }

    let scanTimer: NodeJS.Timeout | undefined;
    const scanEvery = options.scanIntervalMs ?? 3600_000;
    const scheduleScan = () => {
      scanTimer = setTimeout(() => {
        scan()
          .catch((error: unknown) => app.log.error({ err: error }, 'mail scan failed'))
          .finally(scheduleScan);
      }, scanEvery);
      scanTimer.unref();
    };

    app.decorate('mail', {
      enqueue: (drafts, tx) => outbox.enqueue(drafts, tx),
      wake: sender.wake,
      deliverDue: sender.drain,
      scan,
      appLink,
      serverLink,
      async preferences(userId) {
        return toPreferences(await preferenceStore.muted(userId));
      },
      async updatePreferences(userId, update) {
        const current = await preferenceStore.muted(userId);
        const muted = MAIL_KINDS.filter((kind) =>
          update[kind] === undefined ? current.includes(kind) : !update[kind],
        );
        await preferenceStore.setMuted(userId, muted);
        return toPreferences(muted);
      },
      async unsubscribe(token) {
        const verified = verifyUnsubscribe(secret, token);
        if (!verified) return undefined;
        await preferenceStore.mute(verified.userId, verified.kind).catch(() => undefined);
        return verified.kind;
      },
    } satisfies MailService);

    app.addHook('onReady', async () => {
      sender.start();
      scheduleScan();
    });
    app.addHook('preClose', async () => {
      if (scanTimer) clearTimeout(scanTimer);
      await sender.stop();
    });
  },
  { name: 'mail', dependencies: ['database'] },
);
