import { haversineKm, type Assignment, type Lot, type Sme } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { messageOf } from '../api/http.ts';
import type { LotBoard } from './board.ts';
import type { LoadStatus, Slice } from './types.ts';
import { LIVE_NEWS_WINDOW_MS, batched } from './batched.ts';
import { offersCoordination } from '../ui/leading.ts';

/** One of my firms in one proposal of an open lot. */
export interface ProposedEntry {
  lot: Lot;
  rank: number;
  cost: number;
  memberCount: number;
  firm: { smeId: string; name: string };
  /** my firm is the proposal's lead and may lead (it offers retrofit coordination) */
  isLead: boolean;
  assignments: Assignment[];
}

export interface ProposedSlice {
  /**
   * The open lots my firms can reach, soonest first. Their proposals live in `boards`, which the
   * websocket keeps current, so the entries are worked out from both (`proposedEntries`).
   */
  proposed: { lots: Lot[]; status: LoadStatus; error: string | null };
  loadProposedLots(): Promise<void>;
  /**
   * A lot was posted or changed within reach of my firms: once the list has loaded, the lot joins it
   * shortly (when one of my firms can be proposed for it), and its board then says where they stand.
   */
  addProposedLotSoon(lotId: string): void;
}

/** Parallel proposal fetches: enough to be quick, few enough not to crowd the server. */
const CONCURRENCY = 4;

/** The engine only proposes firms within their own service radius, so farther lots need no request. */
function reachable(lot: Lot, firms: readonly Sme[]): boolean {
  return firms.some((firm) => haversineKm(firm.location, lot.location) <= firm.serviceRadiusKm);
}

async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
}

const soonestFirst = (a: Lot, b: Lot) => a.startDate.localeCompare(b.startDate) || a.title.localeCompare(b.title);

/** Where my firms stand in the latest proposals of these lots, soonest lot first, then by rank. */
export function proposedEntries(
  lots: readonly Lot[],
  boards: Readonly<Record<string, LotBoard>>,
  firms: readonly Sme[],
): ProposedEntry[] {
  const mine = new Set(firms.map((firm) => firm.id));
  const coordinators = new Set(firms.filter(offersCoordination).map((firm) => firm.id));
  return lots.flatMap((lot) =>
    (boards[lot.id]?.snapshot?.proposals ?? []).flatMap((proposal) =>
      proposal.members
        .filter((member) => mine.has(member.smeId))
        .map((member) => ({
          lot,
          rank: proposal.rank,
          cost: proposal.cost,
          memberCount: proposal.members.length,
          firm: { smeId: member.smeId, name: member.name },
          isLead: member.smeId === proposal.lead && coordinators.has(member.smeId),
          assignments: member.assignments,
        })),
    ),
  );
}

export const createProposedSlice: Slice<ProposedSlice> = (set, get) => {
  /** The lot's proposals now, into the boards; the screen's live subscription keeps them current. */
  const loadBoard = async (lot: Lot) => get().receiveSnapshot(await api.lots.proposals(lot.id));

  const addSoon = batched(LIVE_NEWS_WINDOW_MS, async (lotIds) => {
    // Not loaded yet: its first load takes every lot in.
    if (get().proposed.status === 'idle') return;
    const firms = get().smes.mine;
    const added: Lot[] = [];
    await eachLimited(lotIds, async (lotId) => {
      try {
        const lot = await api.lots.get(lotId);
        if (lot.status !== 'open' || !reachable(lot, firms)) return;
        await loadBoard(lot);
        added.push(lot);
      } catch {
        // Closed or gone a moment after it was announced: nothing to add.
      }
    });
    if (added.length === 0) return;
    const ids = new Set(added.map((lot) => lot.id));
    const proposed = get().proposed;
    const lots = [...proposed.lots.filter((lot) => !ids.has(lot.id)), ...added].sort(soonestFirst);
    set({ proposed: { ...proposed, lots } });
  });

  return {
    proposed: { lots: [], status: 'idle', error: null },

    async loadProposedLots() {
      set({ proposed: { ...get().proposed, status: 'loading', error: null } });
      try {
        await get().loadMyFirms();
        const firms = get().smes.mine;
        const lots = firms.length === 0 ? [] : (await api.lots.open()).filter((lot) => reachable(lot, firms));
        const failures: string[] = [];
        await eachLimited(lots, async (lot) => {
          try {
            await loadBoard(lot);
          } catch (error) {
            failures.push(messageOf(error));
          }
        });
        // One lot failing (closed a moment ago) is no reason to hide the others.
        if (lots.length > 0 && failures.length === lots.length) throw new Error(failures[0]);
        set({ proposed: { lots: lots.sort(soonestFirst), status: 'ready', error: null } });
      } catch (error) {
        set({ proposed: { ...get().proposed, status: 'error', error: messageOf(error) } });
      }
    },

    addProposedLotSoon(lotId) {
      addSoon(lotId);
    },
  };
};
