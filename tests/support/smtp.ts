import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  listUnsubscribe: string | undefined;
  /** The `List-Unsubscribe-Post` header's value (RFC 8058). */
  listUnsubscribePost: string | undefined;
  /** Every http(s) link of the plain text, in order. */
  links: string[];
}

/**
 * A real SMTP server in the test process (no TLS, no auth) that parses every
 * mail it accepts. `stop` and `start` again keep the port, to test an outage.
 */
export async function startMailbox() {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  let port = 0;
  let server: SMTPServer | undefined;

  function create() {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            const text = parsed.text ?? '';
            const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
            received.push({
              to: to?.value[0]?.address ?? '',
              subject: parsed.subject ?? '',
              text,
              html: typeof parsed.html === 'string' ? parsed.html : '',
              kind: String(parsed.headers.get('x-lepa-kind') ?? ''),
              listUnsubscribe: parsed.headerLines
                .find((h) => h.key === 'list-unsubscribe')
                ?.line.match(/<([^>]+)>/)?.[1],
              listUnsubscribePost: parsed.headerLines
                .find((h) => h.key === 'list-unsubscribe-post')
                ?.line.replace(/^[^:]*:\s*/, ''),
              links: [...text.matchAll(/https?:\/\/[^\s<>]+/g)].map((m) => m[0]),
            });
            for (const wake of waiters.splice(0)) wake();
            callback();
          })
          .catch(callback);
      },
    });
  }

  async function start() {
    server = create();
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.server.address() as AddressInfo).port;
  }

  await start();

  return {
    received,
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    start,
    async stop() {
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
    /** Mail to this address (and of this kind, when given). */
    to(address: string, kind?: string) {
      return received.filter((m) => m.to === address.toLowerCase() && (kind === undefined || m.kind === kind));
    },
    /** Waits until `count` mails match, failing after `timeoutMs`. */
    async waitFor(match: (mail: ReceivedMail) => boolean, count = 1, timeoutMs = 15_000): Promise<ReceivedMail[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.filter(match);
        if (found.length >= count) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`waited ${timeoutMs} ms for ${count} mail(s); got ${found.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 250));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}
export type Mailbox = Awaited<ReturnType<typeof startMailbox>>;

/** The hash route of an app link: `http://lepa.test/#/consortia/x` → `#/consortia/x`. */
export function hashOf(link: string, publicUrl: string): string {
  if (!link.startsWith(`${publicUrl}/#/`)) throw new Error(`${link} does not point into ${publicUrl}`);
  return link.slice(publicUrl.length + 1);
}
