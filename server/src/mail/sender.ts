import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { ClaimedMail, OutboxStore } from './outbox.ts';

export interface SenderOptions {
  /** `smtp://host:port` or `smtps://user:pass@host`; absent: mail goes to the log. */
  smtpUrl?: string | undefined;
  from: string;
  /** How often each instance looks for due mail (enqueuing also wakes it). */
  pollMs: number;
  /** First retry delay; doubles each attempt up to maxRetryMs. */
  retryBaseMs: number;
  maxRetryMs: number;
  /** Attempts before a mail is given up (kept with its last error). */
  maxAttempts: number;
}

const BATCH = 20;
/** A claimed row returns to the queue after this long if its instance dies mid-send. */
const LEASE_MS = 120_000;

export function retryDelayMs(attempts: number, options: Pick<SenderOptions, 'retryBaseMs' | 'maxRetryMs'>) {
  return Math.min(options.maxRetryMs, options.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers the outbox: a timer on every instance, woken early by new mail.
 * Sending happens outside any transaction, so a slow or absent SMTP server
 * never holds a database connection, and never touches a request.
 */
export function createSender(deps: {
  outbox: OutboxStore;
  options: SenderOptions;
  log: FastifyBaseLogger;
  now: () => Date;
}) {
  const { outbox, options, log, now } = deps;
  const transport = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;

  async function deliver(mail: ClaimedMail) {
    if (!transport) {
      log.info({ to: mail.toAddress, subject: mail.subject, link: mail.link }, `mail: ${mail.subject} — ${mail.link}`);
      return;
    }
    await transport.sendMail({
      from: options.from,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
      headers: {
        'X-Lepa-Kind': mail.kind,
        ...(mail.unsubscribeLink
          ? { 'List-Unsubscribe': `<${mail.unsubscribeLink}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : {}),
      },
    });
  }

  /** Sends everything due now; answers how many mails went out. */
  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await outbox.claim(now(), BATCH, LEASE_MS);
      if (batch.length === 0) return sent;
      for (const mail of batch) {
        try {
          await deliver(mail);
          await outbox.markSent(mail.id, now());
          sent += 1;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const retryAt =
            mail.attempts >= options.maxAttempts
              ? null
              : new Date(now().getTime() + retryDelayMs(mail.attempts, options));
          log.warn({ mailId: mail.id, attempts: mail.attempts, err: message }, 'mail delivery failed; will retry');
          await outbox.markFailed(mail.id, message, retryAt, now());
        }
      }
      if (stopped) return sent;
    }
  }

  /** One pass at a time per instance; a wake-up during a pass runs another pass after it. */
  function run(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .catch((error: unknown) => {
        log.error({ err: error }, 'mail outbox pass failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void run();
        }
      });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      void run().finally(schedule);
    }, options.pollMs);
    timer.unref();
  }

  return {
    start: schedule,
    /** Wakes the sender now (after a commit that queued mail). */
    wake() {
      if (!stopped) void run();
    },
    /** Runs a pass and waits for it (the CLI and tests). */
    drain: run,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transport?.close();
    },
  };
}
