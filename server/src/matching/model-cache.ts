import {
  buildMatchModel,
  updateMatchModel,
  type BookedUnits,
  type EngineFirm,
  type EngineInput,
  type EngineLot,
  type MatchModel,
} from '@lepa/engine';
import { reachesLot, type FirmMirror } from './firm-mirror.ts';

/** A lot's input as a solver thread last used it, and its model when one was needed. */
interface KeptLot {
  /** The lot and its bookings, as text: a lot edit or a booking starts afresh. */
  key: string;
  /** The copy's version `input` is at. */
  version: number;
  input: EngineInput;
  /** Where each firm of `input.firms` is. */
  positions: ReadonlyMap<string, number>;
  /** The model of the same firms at version `modelVersion` (only their profiles may have changed since). */
  model?: MatchModel;
  modelVersion: number;
}

/**
 * Each lot's engine input and model, kept by a solver thread between the
 * changes that reach the lot: building a lot's model reads every firm in its
 * reach (thousands), which made up most of a merge's time, while a firm
 * change touches one of them. The input is brought up to the copy's version
 * with the firms changed since; the model only when the engine asks for it
 * (most lots are settled without one), by updateMatchModel, which takes the
 * model before over (it is used nowhere else). Both start afresh
 * when the lot or its bookings changed, a firm came into or left its reach,
 * or the copy was reset. The `capacity` lots used last are kept.
 */
export function createModelCache(mirror: FirmMirror, capacity: number) {
  const kept = new Map<string, KeptLot>();

  function fresh(key: string, version: number, lot: EngineLot, booked: readonly BookedUnits[]): KeptLot {
    const input = mirror.input(lot, booked);
    const positions = new Map(input.firms.map((firm, position) => [firm.id, position]));
    return { key, version, input, positions, modelVersion: version };
  }

  /** The kept input with the firms changed since; undefined when a firm entered or left the lot's reach. */
  function carriedForward(before: KeptLot, version: number): KeptLot | undefined {
    const changed = mirror.changedSince(before.version);
    if (!changed) return undefined;
    let firms: EngineFirm[] | undefined;
    for (const firmId of changed) {
      const firm = mirror.firm(firmId);
      const reaches = firm !== undefined && reachesLot(before.input.lot, firm);
      const position = before.positions.get(firmId);
      if (position === undefined) {
        if (reaches) return undefined;
        continue;
      }
      if (!reaches) return undefined;
      firms ??= [...before.input.firms];
      firms[position] = firm;
    }
    return { ...before, version, input: firms ? { ...before.input, firms } : before.input };
  }

  function modelOf(entry: KeptLot): MatchModel {
    if (entry.model && entry.modelVersion === entry.version) return entry.model;
    const changed = entry.model ? mirror.changedSince(entry.modelVersion) : undefined;
    const ofThisLot = changed && new Set([...changed].filter((firmId) => entry.positions.has(firmId)));
    // An update takes the model over: should it fail part way, the next ask builds one afresh.
    const before = entry.model;
    entry.model = undefined;
    entry.model =
      (before && ofThisLot && updateMatchModel(before, entry.input, ofThisLot)) ?? buildMatchModel(entry.input);
    entry.modelVersion = entry.version;
    return entry.model;
  }

  return {
    /**
     * The lot's input from this thread's copy of the market as it is now, and
     * its model, built or brought up to date when first asked for.
     */
    prepare(
      lotId: string,
      lot: EngineLot,
      booked: readonly BookedUnits[],
    ): { input: EngineInput; model: () => MatchModel } {
      const key = JSON.stringify([lot, booked]);
      const version = mirror.version ?? 0;
      const before = kept.get(lotId);
      const entry =
        (before?.key === key ? carriedForward(before, version) : undefined) ?? fresh(key, version, lot, booked);
      kept.delete(lotId);
      kept.set(lotId, entry);
      if (kept.size > capacity) kept.delete(kept.keys().next().value!);
      return { input: entry.input, model: () => modelOf(entry) };
    },

    get size() {
      return kept.size;
    },
  };
}
