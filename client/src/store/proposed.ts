import { haversineKm, type Assignment, type Lot, type Sme } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { messageOf } from '../api/http.ts';
import type { LoadStatus, Slice } from './types.ts';

/** One of my firms in one proposal of an open lot. */
export interface ProposedEntry {
  lot: Lot;
  rank: number;
  cost: number;
  memberCount: number;
  firm: { smeId: string; name: string };
  isLead: boolean;
  assignments: Assignment[];
}

export interface ProposedSlice {
  proposed: { items: ProposedEntry[]; status: LoadStatus; error: string | null };
  loadProposedLots(): Promise<void>;
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

export const createProposedSlice: Slice<ProposedSlice> = (set, get) => ({
  proposed: { items: [], status: 'idle', error: null },

  async loadProposedLots() {
    set({ proposed: { ...get().proposed, status: 'loading', error: null } });
    try {
      await get().loadMyFirms();
      const firms = get().smes.mine;
      const mine = new Set(firms.map((firm) => firm.id));
      const lots = firms.length === 0 ? [] : (await api.lots.open()).filter((lot) => reachable(lot, firms));
      const items: ProposedEntry[] = [];
      const failures: string[] = [];
      await eachLimited(lots, async (lot) => {
        try {
          const snapshot = await api.lots.proposals(lot.id);
          get().receiveSnapshot(snapshot);
          for (const proposal of snapshot.proposals) {
            for (const member of proposal.members) {
              if (!mine.has(member.smeId)) continue;
              items.push({
                lot,
                rank: proposal.rank,
                cost: proposal.cost,
                memberCount: proposal.members.length,
                firm: { smeId: member.smeId, name: member.name },
                isLead: member.smeId === proposal.lead,
                assignments: member.assignments,
              });
            }
          }
        } catch (error) {
          failures.push(messageOf(error));
        }
      });
      // One lot failing (closed a moment ago) is no reason to hide the others.
      if (lots.length > 0 && failures.length === lots.length) throw new Error(failures[0]);
      items.sort(
        (a, b) =>
          a.lot.startDate.localeCompare(b.lot.startDate) || a.lot.title.localeCompare(b.lot.title) || a.rank - b.rank,
      );
      set({ proposed: { items, status: 'ready', error: null } });
    } catch (error) {
      set({ proposed: { ...get().proposed, status: 'error', error: messageOf(error) } });
    }
  },
});
