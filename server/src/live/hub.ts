import type { WebSocket } from 'ws';
import type { PersonalMessage, ProposalsAnswer, ServerMessage } from '@lepa/shared';
import { AppError } from '../common/errors.ts';

export interface LiveClient {
  readonly socket: WebSocket;
  userId: string | null;
  readonly subscriptions: Set<string>;
  /** Latest unsent message per lot while the socket is backed up: a slow client only ever gets the newest. */
  readonly backlog: Map<string, string>;
  alive: boolean;
}

export interface HubOptions {
  /** The lot's current answer, for a first snapshot. */
  snapshot: (lotId: string) => Promise<ProposalsAnswer>;
  /** Above this many buffered bytes a client is treated as slow. */
  highWaterBytes?: number;
}

export interface HubStats {
  /** Stored answers relayed to this instance's sockets. */
  pushes: number;
  /** Stored answers for watched lots that showed nothing new (same proposals, or older than what was pushed). */
  unchanged: number;
}

/** What decides whether an answer is news: the version alone is not. */
function contentKey(answer: ProposalsAnswer): string {
  return JSON.stringify([answer.status, answer.feasible, answer.proposals, answer.unmet]);
}

/**
 * An answer's frame and content key, made once per answer object: every
 * subscriber of a lot, and every snapshot of it until it changes, shares the
 * cached answer, so a burst of subscriptions serialises each answer once.
 */
const framed = new WeakMap<ProposalsAnswer, { text: string; key: string }>();
function frameOf(answer: ProposalsAnswer): { text: string; key: string } {
  let frame = framed.get(answer);
  if (!frame) {
    frame = { text: JSON.stringify({ type: 'proposals', ...answer } satisfies ServerMessage), key: contentKey(answer) };
    framed.set(answer, frame);
  }
  return frame;
}

function errorFrame(lotId: string, error: unknown): string {
  const appError = error instanceof AppError ? error : undefined;
  return JSON.stringify({
    type: 'error',
    lotId,
    code: appError?.code ?? 'internal',
    message: appError?.message ?? 'Proposals for this lot could not be computed',
  } satisfies ServerMessage);
}

/**
 * The live board of one instance: who is subscribed to which lot, relaying
 * the stored answers the matching service announces, with delivery that
 * never lets one slow socket hold up the rest.
 */
export function createLiveHub(options: HubOptions) {
  const highWaterBytes = options.highWaterBytes ?? 512 * 1024;
  const clientsByLot = new Map<string, Set<LiveClient>>();
  const clientsByUser = new Map<string, Set<LiveClient>>();
  /** Per watched lot: the version and content last sent, or the error last sent. */
  const lastPushed = new Map<string, { version: number; key: string }>();
  const stats: HubStats = { pushes: 0, unchanged: 0 };
  let drainTimer: NodeJS.Timeout | undefined;

  function deliver(client: LiveClient, lotId: string, text: string) {
    if (client.socket.readyState !== client.socket.OPEN) return;
    if (client.socket.bufferedAmount > highWaterBytes || client.backlog.size > 0) {
      client.backlog.set(lotId, text);
      scheduleDrain();
      return;
    }
    client.socket.send(text);
  }

  function scheduleDrain() {
    drainTimer ??= setTimeout(drain, 25);
  }

  function drain() {
    drainTimer = undefined;
    let waiting = false;
    for (const clients of clientsByLot.values()) {
      for (const client of clients) {
        if (client.backlog.size === 0) continue;
        if (client.socket.bufferedAmount > highWaterBytes) {
          waiting = true;
          continue;
        }
        for (const text of client.backlog.values()) client.socket.send(text);
        client.backlog.clear();
      }
    }
    if (waiting) scheduleDrain();
  }

  return {
    stats,

    /** A new stored answer (or failure) for a lot: sent to its subscribers here when it is news. */
    relay(lotId: string, version: number, answer: () => ProposalsAnswer) {
      const subscribers = clientsByLot.get(lotId);
      if (!subscribers || subscribers.size === 0) return;
      let text: string;
      let key: string;
      try {
        ({ text, key } = frameOf(answer()));
      } catch (error) {
        text = errorFrame(lotId, error);
        key = text;
      }
      const previous = lastPushed.get(lotId);
      if (previous && (previous.key === key || previous.version > version)) {
        stats.unchanged += 1;
        return;
      }
      lastPushed.set(lotId, { version, key });
      stats.pushes += 1;
      for (const client of subscribers) deliver(client, lotId, text);
    },

    isWatched(lotId: string): boolean {
      return clientsByLot.has(lotId);
    },

    sendToUser(userId: string, message: PersonalMessage) {
      const text = JSON.stringify(message);
      for (const client of clientsByUser.get(userId) ?? []) {
        if (client.socket.readyState === client.socket.OPEN) client.socket.send(text);
      }
    },

    identify(client: LiveClient, userId: string) {
      client.userId = userId;
      const clients = clientsByUser.get(userId) ?? new Set();
      clients.add(client);
      clientsByUser.set(userId, clients);
    },

    /**
     * Subscribes at once and sends the current snapshot as soon as it is read, whatever was pushed
     * before; not when the client unsubscribed meanwhile.
     */
    async subscribe(client: LiveClient, lotId: string) {
      client.subscriptions.add(lotId);
      const clients = clientsByLot.get(lotId) ?? new Set();
      clients.add(client);
      clientsByLot.set(lotId, clients);
      try {
        const answer = await options.snapshot(lotId);
        if (!client.subscriptions.has(lotId)) return;
        const frame = frameOf(answer);
        const previous = lastPushed.get(lotId);
        if (!previous || previous.version < answer.version)
          lastPushed.set(lotId, { version: answer.version, key: frame.key });
        client.backlog.delete(lotId);
        deliver(client, lotId, frame.text);
      } catch (error) {
        if (client.subscriptions.has(lotId)) deliver(client, lotId, errorFrame(lotId, error));
      }
    },

    unsubscribe(client: LiveClient, lotId: string) {
      client.subscriptions.delete(lotId);
      client.backlog.delete(lotId);
      const clients = clientsByLot.get(lotId);
      clients?.delete(client);
      if (clients?.size === 0) {
        clientsByLot.delete(lotId);
        lastPushed.delete(lotId);
      }
    },

    disconnect(client: LiveClient) {
      for (const lotId of [...client.subscriptions]) this.unsubscribe(client, lotId);
      if (client.userId) {
        const clients = clientsByUser.get(client.userId);
        clients?.delete(client);
        if (clients?.size === 0) clientsByUser.delete(client.userId);
      }
    },

    close() {
      clearTimeout(drainTimer);
    },
  };
}
export type LiveHub = ReturnType<typeof createLiveHub>;
