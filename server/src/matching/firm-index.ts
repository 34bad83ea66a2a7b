import { haversineKm, type Location, type Skill } from '@lepa/shared';
import { canReach, type EngineFirm, type EngineLot } from '@lepa/engine';

/** Firms are bucketed in cells this many degrees on a side. */
const CELL_DEGREES = 0.5;

interface Cell {
  /** The cell's south-west corner. */
  lat: number;
  lon: number;
  firms: Map<string, EngineFirm>;
  /** The same firms by skill offered, each in the order of `firms`. */
  bySkill: Map<Skill, Map<string, EngineFirm>>;
  /** The widest service radius ever held here (not lowered on removal: it only has to be large enough). */
  widestRadiusKm: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/**
 * The market's firms by place, so a lot's candidates (and the rivals the
 * engine scans) come from the cells its firms could serve it from, not from
 * every firm held: a region's matching process holds firms from far away too.
 */
export function createFirmIndex() {
  const cells = new Map<string, Cell>();
  const cellOf = new Map<string, Cell>();

  function keyOf(location: Location) {
    return `${Math.floor(location.lat / CELL_DEGREES)}:${Math.floor(location.lon / CELL_DEGREES)}`;
  }

  /**
   * A lower bound on the distance from `location` to any point of the cell:
   * the distance to the cell's nearest point in latitude and longitude is
   * within about 1 % of the true one at a thousand kilometres (meridians
   * converge), so it is shrunk by that and a kilometre.
   */
  function nearestKm(location: Location, cell: Cell) {
    const nearest = {
      lat: clamp(location.lat, cell.lat, cell.lat + CELL_DEGREES),
      lon: clamp(location.lon, cell.lon, cell.lon + CELL_DEGREES),
    };
    return haversineKm(location, nearest) * 0.99 - 1;
  }

  function* cellsInReach(lot: Pick<EngineLot, 'location' | 'maxDistanceKm'>): Generator<Cell> {
    for (const cell of cells.values()) {
      const reachKm = Math.min(cell.widestRadiusKm, lot.maxDistanceKm ?? Number.POSITIVE_INFINITY);
      if (nearestKm(lot.location, cell) <= reachKm) yield cell;
    }
  }

  return {
    set(firm: EngineFirm) {
      this.delete(firm.id);
      const key = keyOf(firm.location);
      const [latCell, lonCell] = key.split(':').map(Number) as [number, number];
      const cell = cells.get(key) ?? {
        lat: latCell * CELL_DEGREES,
        lon: lonCell * CELL_DEGREES,
        firms: new Map(),
        bySkill: new Map(),
        widestRadiusKm: 0,
      };
      cell.firms.set(firm.id, firm);
      for (const { skill } of firm.capabilities) {
        const offering = cell.bySkill.get(skill) ?? new Map<string, EngineFirm>();
        offering.set(firm.id, firm);
        cell.bySkill.set(skill, offering);
      }
      cell.widestRadiusKm = Math.max(cell.widestRadiusKm, firm.serviceRadiusKm);
      cells.set(key, cell);
      cellOf.set(firm.id, cell);
    },

    get(firmId: string): EngineFirm | undefined {
      return cellOf.get(firmId)?.firms.get(firmId);
    },

    delete(firmId: string) {
      const cell = cellOf.get(firmId);
      const firm = cell?.firms.get(firmId);
      if (!cell || !firm) return;
      cell.firms.delete(firmId);
      for (const { skill } of firm.capabilities) cell.bySkill.get(skill)?.delete(firmId);
      cellOf.delete(firmId);
    },

    clear() {
      cells.clear();
      cellOf.clear();
    },

    /** Every firm whose radius (and the lot's distance limit) might reach the lot; a few that do not, too. */
    *reaching(lot: Pick<EngineLot, 'location' | 'maxDistanceKm'>): Generator<EngineFirm> {
      for (const cell of cellsInReach(lot)) yield* cell.firms.values();
    },

    /**
     * The firms that reach the lot (the engine's `canReach`) and offer every one of `skills`, each
     * cell's in the order `reaching` gives them. A cell's firms are walked through its rarest of the
     * skills, so a lot's rivals for a pair of skills cost the firms offering the rarer one, not every firm near.
     */
    *offering(lot: EngineLot, skills: readonly Skill[]): Generator<EngineFirm> {
      for (const cell of cellsInReach(lot)) {
        let rarest: Map<string, EngineFirm> | undefined = skills.length === 0 ? cell.firms : undefined;
        for (const skill of skills) {
          const offering = cell.bySkill.get(skill);
          if (!offering || offering.size === 0) {
            rarest = undefined;
            break;
          }
          if (!rarest || offering.size < rarest.size) rarest = offering;
        }
        if (!rarest) continue;
        for (const firm of rarest.values())
          if (skills.every((skill) => cell.bySkill.get(skill)!.has(firm.id)) && canReach(lot, firm)) yield firm;
      }
    },
  };
}
export type FirmIndex = ReturnType<typeof createFirmIndex>;
