/**
 * The engine's programme input: for every lot its candidates (loaded as for
 * its board), then the full profiles of all of them (a firm's capacity rows
 * cover every skill it offers, not only the lot's), and per lot the units
 * already booked in windows overlapping that lot's.
 */
import { inArray } from 'drizzle-orm';
import { smeCapabilities, smeCertifications, smes, type Executor } from '@lepa/db';
import type { Lot } from '@lepa/shared';
import type { EngineFirm, ProgrammeInput } from '@lepa/engine';
import { bookedUnits, loadEngineInput, toEngineLot } from '../proposals/inputs.ts';

export async function loadProgrammeInput(db: Executor, programmeLots: readonly Lot[]): Promise<ProgrammeInput> {
  const perLot = await Promise.all(programmeLots.map((lot) => loadEngineInput(db, lot)));
  const ids = [...new Set(perLot.flatMap((input) => input.firms.map((firm) => firm.id)))];
  const firms = await loadFirms(db, ids);
  const booked = await Promise.all(programmeLots.map((lot) => bookedUnits(db, ids, lot.startDate, lot.endDate)));
  return { firms, lots: programmeLots.map((lot, index) => ({ lot: toEngineLot(lot), booked: booked[index]! })) };
}

async function loadFirms(db: Executor, ids: readonly string[]): Promise<EngineFirm[]> {
  if (ids.length === 0) return [];
  const [rows, capabilities, certifications] = await Promise.all([
    db
      .select()
      .from(smes)
      .where(inArray(smes.id, [...ids])),
    db
      .select()
      .from(smeCapabilities)
      .where(inArray(smeCapabilities.smeId, [...ids])),
    db
      .select({ smeId: smeCertifications.smeId, scheme: smeCertifications.scheme, expires: smeCertifications.expires })
      .from(smeCertifications)
      .where(inArray(smeCertifications.smeId, [...ids])),
  ]);
  const capabilitiesOf = groupBy(capabilities, (entry) => entry.smeId);
  const certificationsOf = groupBy(certifications, (entry) => entry.smeId);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    location: { lat: row.lat, lon: row.lon },
    serviceRadiusKm: row.serviceRadiusKm,
    employees: row.employees,
    ownership: row.ownership,
    capabilities: (capabilitiesOf.get(row.id) ?? []).map((entry) => ({
      skill: entry.skill,
      capacityPerMonth: entry.capacityPerMonth,
      unitPrice: entry.unitPrice,
    })),
    certifications: (certificationsOf.get(row.id) ?? []).map((entry) => ({
      scheme: entry.scheme,
      expires: entry.expires,
    })),
    socialValue: {
      realLivingWage: row.realLivingWage,
      apprentices: row.apprentices,
      localEmployeesPct: row.localEmployeesPct,
      charterSignatory: row.charterSignatory,
    },
  }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
