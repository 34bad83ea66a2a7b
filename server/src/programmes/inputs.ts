/**
 * The engine's programme input: for every lot its candidates (loaded as for
 * its board), then the full profiles of all of them (a firm's capacity rows
 * cover every skill it offers, not only the lot's), and per lot the units
 * already booked in windows overlapping that lot's.
 */
import { inArray } from 'drizzle-orm';
import { smes, type Executor } from '@lepa/db';
import type { Lot } from '@lepa/shared';
import type { ProgrammeInput } from '@lepa/engine';
import { bookedUnits, loadEngineInput, loadFirms, toEngineLot } from '../matching/engine-input.ts';

export async function loadProgrammeInput(db: Executor, programmeLots: readonly Lot[]): Promise<ProgrammeInput> {
  const perLot = await Promise.all(programmeLots.map((lot) => loadEngineInput(db, lot)));
  const ids = [...new Set(perLot.flatMap((input) => input.firms.map((firm) => firm.id)))];
  const firms = ids.length === 0 ? [] : await loadFirms(db, inArray(smes.id, ids));
  const booked = await Promise.all(programmeLots.map((lot) => bookedUnits(db, ids, lot.startDate, lot.endDate)));
  return { firms, lots: programmeLots.map((lot, index) => ({ lot: toEngineLot(lot), booked: booked[index]! })) };
}
