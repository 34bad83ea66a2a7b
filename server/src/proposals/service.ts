import { eq } from 'drizzle-orm';
import { lots, type Db } from '@lepa/db';
import type { Lot, ProposalsAnswer } from '@lepa/shared';
import { solve } from '@lepa/engine';
import { conflict, notFound } from '../common/errors.ts';
import type { LotStore } from '../lots/store.ts';
import type { FirmChange, MarketCache } from './market.ts';
import { mayImproveFor } from './relevance.ts';
import { engineSolveDuration } from '../infra/metrics.ts';

/** The board and the API ask for five unless told otherwise; answers are cached at this size or larger. */
export const DEFAULT_PROPOSALS = 5;

interface CachedAnswer {
  revision: number;
  k: number;
  answer: Promise<ProposalsAnswer>;
}

/**
 * Proposals per lot, cached per lot revision: the revision grows whenever a
 * change could alter the answer, so a cached answer with the current revision
 * is still right. Concurrent askers for the same revision share one computation.
 */
export function createProposalService(deps: { db: Db; lotStore: LotStore; market: MarketCache }) {
  const { db, lotStore, market } = deps;
  const cache = new Map<string, CachedAnswer>();

  async function currentRevision(lotId: string): Promise<number | undefined> {
    const [row] = await db.select({ revision: lots.revision }).from(lots).where(eq(lots.id, lotId));
    return row?.revision;
  }

  async function compute(lot: Lot, revision: number, k: number): Promise<ProposalsAnswer> {
    const input = await market.engineInput(lot);
    const endTimer = engineSolveDuration.startTimer();
    const result = solve(input, { k });
    endTimer();
    return {
      lotId: lot.id,
      version: revision,
      status: result.status,
      feasible: result.feasible,
      proposals: result.proposals,
      unmet: result.unmet,
    };
  }

  return {
    /** Reads the revision before the data, so an answer is never labelled newer than what it saw. */
    async answer(lotId: string, k = DEFAULT_PROPOSALS): Promise<{ answer: ProposalsAnswer; fromCache: boolean }> {
      const revision = await currentRevision(lotId);
      if (revision === undefined) throw notFound('Lot');
      const cached = cache.get(lotId);
      if (cached && cached.revision === revision && cached.k >= k)
        return { answer: trim(await cached.answer, k), fromCache: true };

      const lot = await lotStore.get(lotId);
      if (!lot) throw notFound('Lot');
      if (lot.status !== 'open') throw conflict(`This lot is ${lot.status}; it has no live proposals`);
      const size = Math.max(k, DEFAULT_PROPOSALS);
      const answer = compute(lot, revision, size);
      cache.set(lotId, { revision, k: size, answer });
      answer.catch(() => {
        if (cache.get(lotId)?.answer === answer) cache.delete(lotId);
      });
      return { answer: trim(await answer, k), fromCache: false };
    },

    forget(lotId: string) {
      cache.delete(lotId);
    },

    /** Firms changed: reload them before any lot they touch is recomputed. */
    firmsChanged(smeIds: readonly string[]) {
      return market.refresh(smeIds);
    },

    /**
     * Whether these firm changes can alter a lot's proposals, given the firms
     * in its current proposals. Unknown changes (`undefined`), changes that
     * are not firm edits (none listed) and lots without a proven answer always can.
     */
    async canAlter(
      lotId: string,
      changes: readonly FirmChange[] | undefined,
      currentMembers: ReadonlySet<string> | undefined,
    ) {
      if (!changes || changes.length === 0 || !currentMembers) return true;
      if (changes.some((change) => currentMembers.has(change.smeId))) return true;
      const lot = await lotStore.get(lotId);
      if (!lot || lot.status !== 'open') return true;
      return changes.some((change) => mayImproveFor(lot, change.before, change.after));
    },

    /** Change broadcasts may have been missed: trust nothing cached. */
    forgetEverything() {
      cache.clear();
      market.invalidateAll();
    },
  };
}
export type ProposalService = ReturnType<typeof createProposalService>;

/** Top-k is a prefix of top-(k+n) under the model's total order, so a larger answer serves a smaller ask. */
function trim(answer: ProposalsAnswer, k: number): ProposalsAnswer {
  return answer.proposals.length <= k ? answer : { ...answer, proposals: answer.proposals.slice(0, k) };
}
