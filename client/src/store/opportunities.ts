import { withHintApplied, type Opportunity, type OpportunityHint, type Sme, type SmeInput } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { messageOf } from '../api/http.ts';
import type { SaveResult } from '../forms/field-errors.ts';
import type { LoadStatus, Slice } from './types.ts';
import { LIVE_NEWS_WINDOW_MS, batched } from './batched.ts';

export interface FirmOpportunities {
  items: Opportunity[];
  status: LoadStatus;
  error: string | null;
}

export interface OpportunitiesSlice {
  /** by firm id: the open lots it could reach or nearly reach */
  opportunities: Record<string, FirmOpportunities>;
  loadOpportunities(smeId: string): Promise<void>;
  /** A lot was posted or changed within reach of these firms: the lists already loaded reload shortly. */
  refreshOpportunitiesSoon(smeIds: readonly string[]): void;
  /** Saves the firm's profile with the hint's change made, then asks again where it stands. */
  followHint(smeId: string, hint: OpportunityHint): Promise<SaveResult<Sme>>;
}

export const EMPTY_OPPORTUNITIES: FirmOpportunities = { items: [], status: 'idle', error: null };

/** The body that saves a profile as it is: a firm placed by its postcode stays placed by it. */
export function smeInputOfProfile(sme: Sme): SmeInput {
  return {
    name: sme.name,
    ...(sme.postcode ? { postcode: sme.postcode } : {}),
    ...(sme.locationSource === 'exact' ? { location: sme.location } : {}),
    serviceRadiusKm: sme.serviceRadiusKm,
    employees: sme.employees,
    ownership: sme.ownership,
    capabilities: sme.capabilities,
    certifications: sme.certifications.map((c) => ({
      scheme: c.scheme,
      expires: c.expires,
      ...(c.reference ? { reference: c.reference } : {}),
    })),
    socialValue: sme.socialValue,
  };
}

export const createOpportunitiesSlice: Slice<OpportunitiesSlice> = (set, get) => {
  const put = (smeId: string, change: Partial<FirmOpportunities>) =>
    set({
      opportunities: {
        ...get().opportunities,
        [smeId]: { ...(get().opportunities[smeId] ?? EMPTY_OPPORTUNITIES), ...change },
      },
    });
  // Only lists someone has opened: the others load fresh when they are.
  const reloadSoon = batched(LIVE_NEWS_WINDOW_MS, async (smeIds) => {
    await Promise.all(smeIds.filter((id) => get().opportunities[id]).map((id) => get().loadOpportunities(id)));
  });
  return {
    opportunities: {},

    async loadOpportunities(smeId) {
      // A reload keeps the list on screen while it runs: live updates must not flash "loading".
      if (!get().opportunities[smeId]) put(smeId, { status: 'loading' });
      try {
        const page = await api.smes.opportunities(smeId);
        put(smeId, { items: page.items, status: 'ready', error: null });
      } catch (error) {
        put(smeId, { status: 'error', error: messageOf(error) });
      }
    },

    refreshOpportunitiesSoon(smeIds) {
      for (const smeId of smeIds) reloadSoon(smeId);
    },

    async followHint(smeId, hint) {
      let current: Sme;
      try {
        current = await api.smes.get(smeId);
      } catch (error) {
        return { ok: false, message: messageOf(error), fieldErrors: {} };
      }
      const saved = await get().saveFirm(smeId, smeInputOfProfile(withHintApplied(current, hint)));
      if (saved.ok) await get().loadOpportunities(smeId);
      return saved;
    },
  };
};
