import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import type { ProposalsAnswer } from '@lepa/shared';
import { AppError } from '../common/errors.ts';
import { pushDuration, queueDepth } from '../infra/metrics.ts';

export interface LiveClient {
  readonly socket: WebSocket;
  userId: string | null;
  readonly subscriptions: Set<string>;
  /** Latest unsent message per lot while the socket is backed up: a slow client only ever gets the newest. */
  readonly backlog: Map<string, string>;
  alive: boolean;
}

export interface HubOptions {
  answer: (lotId: string) => Promise<ProposalsAnswer>;
  log: FastifyBaseLogger;
  /** Changes to one lot within this window are recomputed once. */
  coalesceMs?: number;
  /** Above this many buffered bytes a client is treated as slow. */
  highWaterBytes?: number;
}

export interface HubStats {
  recomputes: number;
  pushes: number;
  unchanged: number;
  /** Lots waiting for or in recomputation right now. */
  pending: number;
}

/** What decides whether a recomputed answer is news: the version alone is not. */
function contentKey(answer: ProposalsAnswer): string {
  return JSON.stringify([answer.status, answer.feasible, answer.proposals, answer.unmet]);
}

/**
 * The live board of one instance: who is subscribed to which lot, which lots
 * need recomputing, and delivery that never lets one slow socket hold up the rest.
 */
export function createLiveHub(options: HubOptions) {
  const coalesceMs = options.coalesceMs ?? 10;
  const highWaterBytes = options.highWaterBytes ?? 512 * 1024;
  const clientsByLot = new Map<string, Set<LiveClient>>();
  const clientsByUser = new Map<string, Set<LiveClient>>();
  const lastPushed = new Map<string, { version: number; key: string }>();
  /**
   * Firms in the proposals each watched lot last showed, so irrelevant changes
   * can be skipped. Only for proven answers with nothing unmet: a diagnosis
   * quotes capacities and distances of firms outside any proposal.
   */
  const shownMembers = new Map<string, Set<string>>();
  const remember = (answer: ProposalsAnswer) => {
    if (answer.status !== 'optimal' || answer.unmet.length > 0) shownMembers.delete(answer.lotId);
    else shownMembers.set(answer.lotId, new Set(answer.proposals.flatMap((p) => p.members.map((m) => m.smeId))));
  };
  const dirtyLots = new Set<string>();
  /** When each dirty lot was first marked: push latency is measured from there. */
  const dirtySince = new Map<string, number>();
  /** Dirty lots to recompute before the others: a changed firm is in their proposals, so they will most likely change. */
  const urgentLots = new Set<string>();
  const stats: HubStats = { recomputes: 0, pushes: 0, unchanged: 0, pending: 0 };
  let flushTimer: NodeJS.Timeout | undefined;
  let drainTimer: NodeJS.Timeout | undefined;
  let flushing = false;

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

  function errorFrame(lotId: string, error: unknown): string {
    const appError = error instanceof AppError ? error : undefined;
    return JSON.stringify({
      type: 'error',
      lotId,
      code: appError?.code ?? 'internal',
      message: appError?.message ?? 'Proposals for this lot could not be computed',
    });
  }

  async function recompute(lotId: string) {
    const markedAt = dirtySince.get(lotId);
    dirtySince.delete(lotId);
    const subscribers = clientsByLot.get(lotId);
    if (!subscribers || subscribers.size === 0) return;
    stats.recomputes += 1;
    let answer: ProposalsAnswer;
    try {
      answer = await options.answer(lotId);
    } catch (error) {
      for (const client of subscribers) deliver(client, lotId, errorFrame(lotId, error));
      return;
    }
    const key = contentKey(answer);
    const previous = lastPushed.get(lotId);
    if (previous && (previous.key === key || previous.version > answer.version)) {
      stats.unchanged += 1;
      return;
    }
    lastPushed.set(lotId, { version: answer.version, key });
    remember(answer);
    stats.pushes += 1;
    const text = JSON.stringify({ type: 'proposals', ...answer });
    for (const client of clientsByLot.get(lotId) ?? []) deliver(client, lotId, text);
    if (markedAt !== undefined) pushDuration.observe((performance.now() - markedAt) / 1000);
  }

  async function flush() {
    flushTimer = undefined;
    if (flushing) return;
    flushing = true;
    try {
      // Lots are recomputed one at a time: the engine is CPU-bound, and running them
      // concurrently would only delay every push instead of the last one.
      while (dirtyLots.size > 0) {
        const lotId = (urgentLots.size > 0 ? urgentLots : dirtyLots).values().next().value as string;
        dirtyLots.delete(lotId);
        urgentLots.delete(lotId);
        await recompute(lotId);
        stats.pending = dirtyLots.size;
        queueDepth.labels('live_recompute').set(stats.pending);
        // Let sockets and requests through between lots: a burst of recomputes must not starve them.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      flushing = false;
    }
  }

  return {
    stats,

    /** Called for every broadcast of changed lots; only lots somebody here watches are recomputed. */
    lotsChanged(lotIds: readonly string[], urgent: ReadonlySet<string> = new Set()) {
      for (const lotId of lotIds) {
        if (!clientsByLot.has(lotId)) continue;
        dirtyLots.add(lotId);
        if (!dirtySince.has(lotId)) dirtySince.set(lotId, performance.now());
        if (urgent.has(lotId)) urgentLots.add(lotId);
      }
      stats.pending = dirtyLots.size + (flushing ? 1 : 0);
      queueDepth.labels('live_recompute').set(stats.pending);
      // A flush already running picks up lots added meanwhile; the timer only starts an idle one.
      if (dirtyLots.size > 0) flushTimer ??= setTimeout(() => void flush(), coalesceMs);
    },

    watchedLots(): string[] {
      return [...clientsByLot.keys()];
    },

    isWatched(lotId: string): boolean {
      return clientsByLot.has(lotId);
    },

    /** The firms in the proposals last shown for a lot; undefined when nothing was shown yet. */
    membersShown(lotId: string): ReadonlySet<string> | undefined {
      return shownMembers.get(lotId);
    },

    sendToUser(userId: string, message: Record<string, unknown>) {
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

    /** Subscribes and sends the current snapshot at once, whatever was pushed before. */
    async subscribe(client: LiveClient, lotId: string) {
      client.subscriptions.add(lotId);
      const clients = clientsByLot.get(lotId) ?? new Set();
      clients.add(client);
      clientsByLot.set(lotId, clients);
      try {
        const answer = await options.answer(lotId);
        const previous = lastPushed.get(lotId);
        if (!previous || previous.version < answer.version) {
          lastPushed.set(lotId, { version: answer.version, key: contentKey(answer) });
          remember(answer);
        }
        client.backlog.delete(lotId);
        deliver(client, lotId, JSON.stringify({ type: 'proposals', ...answer }));
      } catch (error) {
        deliver(client, lotId, errorFrame(lotId, error));
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
        shownMembers.delete(lotId);
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
      clearTimeout(flushTimer);
      clearTimeout(drainTimer);
    },
  };
}
export type LiveHub = ReturnType<typeof createLiveHub>;
