import type { Allocation, DryRun, LotInput, LotRecommendation, Programme, ProgrammeInput } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { messageOf } from '../api/http.ts';
import { failure, type SaveResult } from '../forms/field-errors.ts';
import type { LoadStatus, Slice } from './types.ts';

/** Tolerances the Pareto chart samples, in percent. */
export const PARETO_TOLERANCES = [0, 2, 4, 6, 8, 10] as const;

export interface ParetoPoint {
  tolerancePct: number;
  cost: number;
  distinctFirms: number;
}

export const allocationKey = (programmeId: string, tolerancePct: number) => `${programmeId}@${tolerancePct}`;

export interface ProgrammesSlice {
  programmes: {
    list: Programme[];
    status: LoadStatus;
    error: string | null;
    /** reach allocations by allocationKey */
    allocations: Record<string, Allocation>;
    allocationErrors: Record<string, string>;
    pareto: Record<string, ParetoPoint[]>;
    /** per lot: the programme's recommended consortium, or null when the lot is in no programme */
    recommendations: Record<string, LotRecommendation | null>;
    dryRun: { status: LoadStatus; result: DryRun | null; error: string | null; request: number };
  };
  loadProgrammes(): Promise<void>;
  createProgramme(input: ProgrammeInput): Promise<SaveResult<Programme>>;
  loadAllocation(programmeId: string, tolerancePct: number): Promise<void>;
  loadPareto(programmeId: string): Promise<void>;
  loadRecommendation(lotId: string): Promise<void>;
  dryRunLot(input: LotInput): Promise<void>;
}

export const createProgrammesSlice: Slice<ProgrammesSlice> = (set, get) => {
  const patch = (changes: Partial<ProgrammesSlice['programmes']>) =>
    set({ programmes: { ...get().programmes, ...changes } });

  return {
    programmes: {
      list: [],
      status: 'idle',
      error: null,
      allocations: {},
      allocationErrors: {},
      pareto: {},
      recommendations: {},
      dryRun: { status: 'idle', result: null, error: null, request: 0 },
    },

    async loadProgrammes() {
      patch({ status: 'loading', error: null });
      try {
        patch({ list: await api.programmes.mine(), status: 'ready' });
      } catch (error) {
        patch({ status: 'error', error: messageOf(error) });
      }
    },

    async createProgramme(input) {
      try {
        const created = await api.programmes.create(input);
        patch({ list: [...get().programmes.list, created] });
        return { ok: true, value: created };
      } catch (error) {
        return failure(error);
      }
    },

    async loadAllocation(programmeId, tolerancePct) {
      const key = allocationKey(programmeId, tolerancePct);
      if (get().programmes.allocations[key]) return;
      try {
        const allocation = await api.programmes.allocation(programmeId, 'reach', tolerancePct);
        const { allocationErrors, allocations } = get().programmes;
        const { [key]: _cleared, ...errors } = allocationErrors;
        patch({ allocations: { ...allocations, [key]: allocation }, allocationErrors: errors });
      } catch (error) {
        patch({ allocationErrors: { ...get().programmes.allocationErrors, [key]: messageOf(error) } });
      }
    },

    /** One reach allocation per sampled tolerance, one after another (each is a full solve on the server). */
    async loadPareto(programmeId) {
      for (const tolerancePct of PARETO_TOLERANCES) await get().loadAllocation(programmeId, tolerancePct);
      const points = PARETO_TOLERANCES.flatMap((tolerancePct) => {
        const allocation = get().programmes.allocations[allocationKey(programmeId, tolerancePct)];
        return allocation
          ? [{ tolerancePct, cost: allocation.totals.cost, distinctFirms: allocation.totals.distinctFirms }]
          : [];
      });
      patch({ pareto: { ...get().programmes.pareto, [programmeId]: points } });
    },

    async loadRecommendation(lotId) {
      try {
        const recommendation = await api.programmes.recommendation(lotId);
        patch({ recommendations: { ...get().programmes.recommendations, [lotId]: recommendation } });
      } catch {
        patch({ recommendations: { ...get().programmes.recommendations, [lotId]: null } });
      }
    },

    /** Only the newest request's answer is kept, so a slow early answer never overwrites a later one. */
    async dryRunLot(input) {
      const request = get().programmes.dryRun.request + 1;
      patch({ dryRun: { ...get().programmes.dryRun, status: 'loading', request } });
      try {
        const result = await api.programmes.dryRun(input);
        if (get().programmes.dryRun.request !== request) return;
        patch({ dryRun: { status: 'ready', result, error: null, request } });
      } catch (error) {
        if (get().programmes.dryRun.request !== request) return;
        patch({ dryRun: { status: 'error', result: null, error: messageOf(error), request } });
      }
    },
  };
};
