import type { Skill } from '@lepa/shared';

/** A measure in a programme and the share of homes that need it (1 = every home). */
export type Measure = readonly [Skill, number];

/** A kind of retrofit programme a housing provider tenders, by the housing it targets. */
export interface Programme {
  title: string;
  measures: readonly Measure[];
  /** Measures some lots of this kind add, with the chance of each. */
  optional: readonly (readonly [Measure, number])[];
}

export const PROGRAMMES: readonly Programme[] = [
  {
    title: 'fabric-first upgrade of 1930s semis',
    measures: [
      ['loft-insulation', 1],
      ['cavity-wall-insulation', 0.9],
      ['draught-proofing', 1],
    ],
    optional: [
      [['ventilation', 1], 0.7],
      [['underfloor-insulation', 0.3], 0.3],
      [['heating-controls', 1], 0.4],
    ],
  },
  {
    title: 'solid-wall insulation for Victorian terraces',
    measures: [
      ['internal-wall-insulation', 0.6],
      ['external-wall-insulation', 0.3],
      ['ventilation', 1],
    ],
    optional: [
      [['scaffolding', 0.3], 0.6],
      [['draught-proofing', 1], 0.5],
      [['windows-doors', 0.4], 0.3],
    ],
  },
  {
    title: 'heat pumps for off-gas bungalows',
    measures: [
      ['air-source-heat-pump', 1],
      ['heating-controls', 1],
      ['loft-insulation', 1],
    ],
    optional: [
      [['electrical', 0.5], 0.6],
      [['cavity-wall-insulation', 0.8], 0.4],
    ],
  },
  {
    title: 'solar PV and batteries on council houses',
    measures: [
      ['solar-pv', 1],
      ['battery-storage', 0.5],
      ['scaffolding', 1],
    ],
    optional: [
      [['electrical', 0.3], 0.6],
      [['loft-insulation', 1], 0.4],
    ],
  },
  {
    title: 'whole-house retrofit of Wimpey no-fines homes',
    measures: [
      ['external-wall-insulation', 0.5],
      ['windows-doors', 0.5],
      ['ventilation', 1],
      ['air-source-heat-pump', 0.5],
    ],
    optional: [
      [['scaffolding', 0.5], 0.7],
      [['solar-pv', 0.4], 0.4],
    ],
  },
  {
    title: 'room-in-roof and re-roofing of Edwardian terraces',
    measures: [
      ['room-in-roof-insulation', 0.4],
      ['roofing', 0.3],
      ['scaffolding', 0.5],
    ],
    optional: [
      [['loft-insulation', 0.6], 0.6],
      [['solar-pv', 0.3], 0.3],
    ],
  },
  {
    title: 'low-rise flats: flat roofs, windows and ventilation',
    measures: [
      ['flat-roof-insulation', 0.4],
      ['windows-doors', 0.5],
      ['ventilation', 1],
    ],
    optional: [
      [['heating-controls', 1], 0.5],
      [['draught-proofing', 1], 0.5],
    ],
  },
  {
    title: 'deep retrofit of steel-framed BISF houses',
    measures: [
      ['external-wall-insulation', 0.4],
      ['loft-insulation', 1],
      ['air-source-heat-pump', 0.4],
    ],
    optional: [
      [['underfloor-insulation', 0.3], 0.4],
      [['electrical', 0.4], 0.5],
      [['scaffolding', 0.4], 0.6],
    ],
  },
];
