import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { lots, type Executor } from '@lepa/db';
import type { ProposalsAnswer } from '@lepa/shared';
import { AppError, conflict, notFound } from '../common/errors.ts';
import {
  newerThan,
  readAnswers,
  readLotsWithAnswers,
  readOpenLotsWithAnswers,
  type LotState,
  type StoredAnswer,
} from './answer-store.ts';
import { DEFAULT_PROPOSALS } from './lot-solver.ts';

/** Above this many lots the oldest cached answers are dropped (they are read again when asked for). */
const MAX_CACHED = 20_000;

interface Waiter {
  revision: number;
  k: number;
  resolve: (answer: StoredAnswer) => void;
}

/** A stored answer as the API and the board give it: proposals (at most k), or the stored failure as an error. */
export function servedAnswer(stored: StoredAnswer, k = DEFAULT_PROPOSALS): ProposalsAnswer {
  if (stored.kind === 'error') {
    const status = stored.answer.code === 'conflict' ? 409 : 503;
    throw new AppError(status, stored.answer.code, stored.answer.message);
  }
  const answer = stored.answer;
  return answer.proposals.length <= k ? answer : { ...answer, proposals: answer.proposals.slice(0, k) };
}

const fresh = (stored: StoredAnswer | undefined, revision: number, k: number): stored is StoredAnswer =>
  stored !== undefined && stored.revision >= revision && (stored.kind === 'error' || stored.k >= k);

/**
 * A web instance's view of the stored answers: a small cache kept current by
 * the workers' announcements, and asking for a lot's answer waits for a
 * worker when the stored one is missing or older than the lot's revision.
 */
export function createAnswerCache(deps: {
  db: Executor;
  /** Queues the lot for a matching worker. */
  enqueue: (lotId: string, k: number) => Promise<void>;
  /** How long a request waits for a worker before answering 503. */
  waitTimeoutMs: number;
}) {
  const { db } = deps;
  const cache = new Map<string, StoredAnswer>();
  // Subscriptions arrive in bursts (a board opens with many lots, clients reconnect together): the lots'
  // revisions and stored answers asked for in one turn of the event loop are read with one query each. The
  // turn, not the tick: each socket's messages are handled in a tick of their own, and one turn reads every
  // socket that has data. Nothing is kept between turns (cache: false), so every ask sees the database as it is.
  const batching = { cache: false, batchScheduleFn: (dispatch: () => void) => setImmediate(dispatch) };
  /**
   * Lots' states as last read here, kept until a change naming the lot is heard (every change to a lot's
   * revision or status names it, on every instance): a board subscriber, sent every later answer anyway,
   * is answered from memory while nothing has changed. A read during which any change was heard is not
   * kept: it may have read the lot before that change.
   */
  const knownStates = new Map<string, LotState>();
  let changesHeard = 0;
  async function readStates<T extends LotState>(read: () => Promise<Map<string, T>>): Promise<Map<string, T>> {
    const heardBefore = changesHeard;
    const states = await read();
    if (changesHeard === heardBefore) {
      for (const [lotId, { revision, status }] of states) {
        knownStates.delete(lotId);
        knownStates.set(lotId, { revision, status });
      }
      while (knownStates.size > MAX_CACHED) knownStates.delete(knownStates.keys().next().value as string);
    }
    return states;
  }
  const lotStates = new DataLoader<string, LotState | undefined>(async (lotIds) => {
    const byId = await readStates(async () => {
      const rows = await db
        .select({ id: lots.id, revision: lots.revision, status: lots.status })
        .from(lots)
        .where(inArray(lots.id, [...lotIds]));
      return new Map(rows.map((row) => [row.id, row]));
    });
    return lotIds.map((lotId) => byId.get(lotId));
  }, batching);
  const lotsWithAnswers = new DataLoader<string, (LotState & { stored: StoredAnswer | undefined }) | undefined>(
    async (lotIds) => {
      const read = await readStates(() => readLotsWithAnswers(db, lotIds));
      return lotIds.map((lotId) => read.get(lotId));
    },
    batching,
  );
  const waiters = new Map<string, Set<Waiter>>();

  function offer(stored: StoredAnswer): boolean {
    const newer = newerThan(stored, cache.get(stored.lotId));
    if (newer) {
      cache.delete(stored.lotId);
      cache.set(stored.lotId, stored);
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
    }
    const current = cache.get(stored.lotId)!;
    for (const waiter of waiters.get(stored.lotId) ?? []) {
      if (fresh(current, waiter.revision, waiter.k)) {
        waiters.get(stored.lotId)!.delete(waiter);
        waiter.resolve(current);
      }
    }
    if (waiters.get(stored.lotId)?.size === 0) waiters.delete(stored.lotId);
    return newer;
  }

  async function read(lotIds: readonly string[]): Promise<StoredAnswer[]> {
    const stored = await readAnswers(db, lotIds);
    return [...stored.values()].filter(offer);
  }

  async function waitFor(lotId: string, revision: number, k: number): Promise<StoredAnswer> {
    let waiter: Waiter | undefined;
    const arrived = new Promise<StoredAnswer>((resolve) => {
      waiter = { revision, k, resolve };
      const forLot = waiters.get(lotId) ?? new Set();
      forLot.add(waiter);
      waiters.set(lotId, forLot);
    });
    const deadline = performance.now() + deps.waitTimeoutMs;
    try {
      await deps.enqueue(lotId, k);
      // Announcements are the fast path; reading the table now and then covers a lost one.
      for (;;) {
        const outcome = await Promise.race([
          arrived,
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1_000).unref()),
        ]);
        if (outcome) return outcome;
        await read([lotId]);
        const current = cache.get(lotId);
        if (fresh(current, revision, k)) return current;
        if (performance.now() >= deadline)
          throw new AppError(
            503,
            'matching_unavailable',
            'No matching worker answered for this lot in time; try again',
          );
      }
    } finally {
      waiters.get(lotId)?.delete(waiter!);
      if (waiters.get(lotId)?.size === 0) waiters.delete(lotId);
    }
  }

  return {
    offer,

    /** Reads the named lots' stored answers into the cache; returns those newer than what was cached. */
    read,

    /**
     * Reads the stored answers of open lots (the most recently changed first, up to `limit`) with their
     * states, as a burst of subscriptions would: a web instance that has just started then answers the
     * boards reconnecting to it from memory instead of all at once from the database.
     */
    async warm(limit: number): Promise<number> {
      const read = await readStates(() => readOpenLotsWithAnswers(db, Math.min(limit, MAX_CACHED)));
      let held = 0;
      for (const { stored } of read.values()) if (stored && offer(stored)) held += 1;
      return held;
    },

    /** The cached answer, current or not (what the board last relayed). */
    cached(lotId: string): StoredAnswer | undefined {
      return cache.get(lotId);
    },

    /** Drops a lot's cached answer (it changed and nobody here watches it). */
    forget(lotId: string) {
      cache.delete(lotId);
    },

    /** A change named these lots (heard from any instance, or made here): their states must be read again. */
    lotsChanged(lotIds: readonly string[]) {
      changesHeard += 1;
      for (const lotId of lotIds) knownStates.delete(lotId);
    },

    /** Changes may have been missed: nothing held here is known to be current. */
    forgetEverything() {
      changesHeard += 1;
      cache.clear();
      knownStates.clear();
    },

    /**
     * The lot's answer for its current revision: from the cache, else the
     * table, else (waiting) from a worker. `fromCache`: no solve was waited for.
     * `followed`: the caller is sent every later answer (a board subscriber), so
     * the lot's state as last read here stands until a change names it; the
     * API's readers, who must see a write acknowledged by any instance, read it.
     */
    async current(
      lotId: string,
      k = DEFAULT_PROPOSALS,
      options: { followed?: boolean } = {},
    ): Promise<{ stored: StoredAnswer; fromCache: boolean }> {
      const known = options.followed ? knownStates.get(lotId) : undefined;
      const held = cache.get(lotId);
      if (known?.status === 'open' && fresh(held, known.revision, k)) return { stored: held, fromCache: true };
      // When the answer held here is current, only the lot's state is read; otherwise its state and stored
      // answer come together.
      const heldState = cache.has(lotId) ? await lotStates.load(lotId) : undefined;
      const lot: (LotState & { stored?: StoredAnswer | undefined }) | undefined =
        heldState && fresh(cache.get(lotId), heldState.revision, k) ? heldState : await lotsWithAnswers.load(lotId);
      if (!lot) throw notFound('Lot');
      if (lot.status !== 'open') throw conflict(`This lot is ${lot.status}; it has no live proposals`);
      if (lot.stored) offer(lot.stored);
      const answer = cache.get(lotId);
      if (fresh(answer, lot.revision, k)) return { stored: answer, fromCache: true };
      return { stored: await waitFor(lotId, lot.revision, k), fromCache: false };
    },
  };
}
export type AnswerCache = ReturnType<typeof createAnswerCache>;
