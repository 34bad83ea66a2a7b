import type { LatLon, Skill, Sme, SmeInput } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { messageOf } from '../api/http.ts';
import { failure, type SaveResult } from '../forms/field-errors.ts';
import type { LoadStatus, Slice } from './types.ts';

export interface SmesSlice {
  smes: {
    mine: Sme[];
    status: LoadStatus;
    error: string | null;
    /** other firms' public profiles, fetched for the board's distance plot (proposals carry no locations) */
    byId: Record<string, Sme>;
  };
  loadMyFirms(): Promise<void>;
  saveFirm(smeId: string | null, input: SmeInput): Promise<SaveResult<Sme>>;
  loadFirms(smeIds: readonly string[]): Promise<void>;
  /** Firms offering a skill near a point; they are also kept in `byId`. */
  searchFirms(skill: Skill, near: LatLon, radiusKm: number): Promise<SaveResult<Sme[]>>;
}

/** Fetches on their way, so a burst of board updates asks for each firm once. */
const inFlight = new Set<string>();

export const createSmesSlice: Slice<SmesSlice> = (set, get) => ({
  smes: { mine: [], status: 'idle', error: null, byId: {} },

  async loadMyFirms() {
    set({ smes: { ...get().smes, status: 'loading', error: null } });
    try {
      const mine = await api.smes.mine();
      set({ smes: { ...get().smes, mine, status: 'ready', error: null } });
    } catch (error) {
      set({ smes: { ...get().smes, status: 'error', error: messageOf(error) } });
    }
  },

  async saveFirm(smeId, input) {
    try {
      const saved = smeId ? await api.smes.update(smeId, input) : await api.smes.create(input);
      const smes = get().smes;
      const mine = [...smes.mine.filter((sme) => sme.id !== saved.id), saved].sort(byName);
      set({ smes: { ...smes, mine, byId: { ...smes.byId, [saved.id]: saved } } });
      return { ok: true, value: saved };
    } catch (error) {
      return failure(error);
    }
  },

  async loadFirms(smeIds) {
    const missing = smeIds.filter((id) => !(id in get().smes.byId) && !inFlight.has(id));
    missing.forEach((id) => inFlight.add(id));
    const found = await Promise.all(
      missing.map((id) =>
        api.smes
          .get(id)
          // A firm deleted since the snapshot is simply left off the plot.
          .catch(() => null)
          .finally(() => inFlight.delete(id)),
      ),
    );
    const firms = found.filter((sme): sme is Sme => sme !== null);
    if (firms.length === 0) return;
    const smes = get().smes;
    set({ smes: { ...smes, byId: { ...smes.byId, ...Object.fromEntries(firms.map((sme) => [sme.id, sme])) } } });
  },

  async searchFirms(skill, near, radiusKm) {
    try {
      const found = await api.smes.search(skill, near, radiusKm);
      const smes = get().smes;
      set({ smes: { ...smes, byId: { ...smes.byId, ...Object.fromEntries(found.map((sme) => [sme.id, sme])) } } });
      return { ok: true, value: found };
    } catch (error) {
      return failure(error);
    }
  },
});

const byName = (a: Sme, b: Sme) => a.name.localeCompare(b.name);
