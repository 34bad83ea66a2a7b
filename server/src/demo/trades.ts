import type { Skill } from '@lepa/shared';

export interface TradeFacts {
  /** Typical price range per unit (one home), GBP, from 2025–26 Midlands retrofit quotes. */
  price: readonly [number, number];
  /** Homes one person delivers in a month when working on this skill only. */
  homesPerPersonMonth: number;
}

/**
 * Rough figures, good enough for a believable market: a 3-person heat-pump
 * firm fits a few heat pumps a month, a 3-person loft crew a dozen lofts.
 */
export const TRADE_FACTS: Readonly<Record<Skill, TradeFacts>> = {
  'retrofit-assessor': { price: [150, 300], homesPerPersonMonth: 12 },
  'retrofit-coordinator': { price: [300, 600], homesPerPersonMonth: 8 },
  'retrofit-designer': { price: [400, 900], homesPerPersonMonth: 8 },
  'retrofit-evaluator': { price: [200, 400], homesPerPersonMonth: 10 },
  'cavity-wall-insulation': { price: [600, 1200], homesPerPersonMonth: 6 },
  'external-wall-insulation': { price: [8000, 14000], homesPerPersonMonth: 0.5 },
  'internal-wall-insulation': { price: [6000, 11000], homesPerPersonMonth: 0.6 },
  'loft-insulation': { price: [400, 700], homesPerPersonMonth: 6 },
  'room-in-roof-insulation': { price: [5000, 9000], homesPerPersonMonth: 0.6 },
  'flat-roof-insulation': { price: [2000, 4500], homesPerPersonMonth: 2 },
  'underfloor-insulation': { price: [1500, 3500], homesPerPersonMonth: 1.5 },
  'draught-proofing': { price: [200, 500], homesPerPersonMonth: 8 },
  'windows-doors': { price: [4000, 8500], homesPerPersonMonth: 2 },
  ventilation: { price: [400, 1200], homesPerPersonMonth: 6 },
  'air-source-heat-pump': { price: [7000, 11000], homesPerPersonMonth: 1.5 },
  'ground-source-heat-pump': { price: [18000, 28000], homesPerPersonMonth: 0.3 },
  'solar-pv': { price: [4500, 7500], homesPerPersonMonth: 3 },
  'battery-storage': { price: [3000, 6000], homesPerPersonMonth: 4 },
  'heating-controls': { price: [250, 600], homesPerPersonMonth: 8 },
  electrical: { price: [800, 2500], homesPerPersonMonth: 3 },
  scaffolding: { price: [900, 2000], homesPerPersonMonth: 4 },
  roofing: { price: [4000, 9000], homesPerPersonMonth: 1 },
};
