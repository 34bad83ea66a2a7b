/** The demo market's lots as engine inputs (shared by bench:engine:demo and the diagnostics). */
import { haversineKm, LOT_DEFAULTS } from '@lepa/shared';
import { generateDemoData } from '../../../server/src/demo/generate.ts';
import type { EngineFirm, EngineInput, EngineLot } from '@lepa/engine';

/** Every demo lot as the engine's input; `firmCount` is the size of the whole market. */
export function demoMarket(options: { seed: number; firms: number; lots: number }): {
  firmCount: number;
  inputs: EngineInput[];
} {
  const demo = generateDemoData({ seed: options.seed, smeCount: options.firms, lotCount: options.lots });
  return { firmCount: demo.smes.length, inputs: lotInputs(demo) };
}

export function demoEngineInputs(options: { seed: number; firms: number; lots: number }): EngineInput[] {
  return demoMarket(options).inputs;
}

function lotInputs(demo: ReturnType<typeof generateDemoData>): EngineInput[] {
  const firms: EngineFirm[] = demo.smes.map(({ input }, index) => ({
    id: `firm-${String(index).padStart(6, '0')}`,
    name: input.name,
    location: input.location!,
    serviceRadiusKm: input.serviceRadiusKm,
    employees: input.employees,
    ownership: input.ownership,
    capabilities: input.capabilities,
    certifications: input.certifications.map((c) => ({ scheme: c.scheme, expires: c.expires })),
    socialValue: input.socialValue,
  }));
  return demo.lots.map(({ input }, index) => {
    const lot: EngineLot = {
      id: `lot-${index}`,
      location: input.location!,
      startDate: input.startDate,
      endDate: input.endDate,
      requirements: input.requirements.map((r) => ({
        skill: r.skill,
        quantity: r.quantity,
        certifications: r.certifications ?? [],
      })),
      maxMembers: input.maxMembers ?? LOT_DEFAULTS.maxMembers,
      maxDistanceKm: input.maxDistanceKm ?? null,
      socialValueWeight: input.socialValueWeight ?? LOT_DEFAULTS.socialValueWeight,
      travelCostPerUnitKm: input.travelCostPerUnitKm ?? LOT_DEFAULTS.travelCostPerUnitKm,
      coordinationCostPerMember: input.coordinationCostPerMember ?? LOT_DEFAULTS.coordinationCostPerMember,
    };
    const skills = new Set(lot.requirements.map((r) => r.skill));
    const candidates = firms.filter((firm) => {
      if (!firm.capabilities.some((c) => skills.has(c.skill))) return false;
      const distance = haversineKm(lot.location, firm.location);
      return distance <= firm.serviceRadiusKm && (lot.maxDistanceKm === null || distance <= lot.maxDistanceKm);
    });
    return { lot, firms: candidates, booked: [] };
  });
}
