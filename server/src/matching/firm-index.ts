import { haversineKm, type Location } from '@lepa/shared';
import type { EngineFirm, EngineLot } from '@lepa/engine';

/** Firms are bucketed in cells this many degrees on a side. */
const CELL_DEGREES = 0.5;

interface Cell {
  /** The cell's south-west corner. */
  lat: number;
  lon: number;
  firms: Map<string, EngineFirm>;
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

  return {
    set(firm: EngineFirm) {
      this.delete(firm.id);
      const key = keyOf(firm.location);
      const [latCell, lonCell] = key.split(':').map(Number) as [number, number];
      const cell = cells.get(key) ?? {
        lat: latCell * CELL_DEGREES,
        lon: lonCell * CELL_DEGREES,
        firms: new Map(),
        widestRadiusKm: 0,
      };
      cell.firms.set(firm.id, firm);
      cell.widestRadiusKm = Math.max(cell.widestRadiusKm, firm.serviceRadiusKm);
      cells.set(key, cell);
      cellOf.set(firm.id, cell);
    },

    get(firmId: string): EngineFirm | undefined {
      return cellOf.get(firmId)?.firms.get(firmId);
    },

    delete(firmId: string) {
      cellOf.get(firmId)?.firms.delete(firmId);
      cellOf.delete(firmId);
    },

    clear() {
      cells.clear();
      cellOf.clear();
    },

    /** Every firm whose radius (and the lot's distance limit) might reach the lot; a few that do not, too. */
    *reaching(lot: Pick<EngineLot, 'location' | 'maxDistanceKm'>): Generator<EngineFirm> {
      for (const cell of cells.values()) {
        const reachKm = Math.min(cell.widestRadiusKm, lot.maxDistanceKm ?? Number.POSITIVE_INFINITY);
        if (nearestKm(lot.location, cell) > reachKm) continue;
        yield* cell.firms.values();
      }
    },
  };
}
export type FirmIndex = ReturnType<typeof createFirmIndex>;
