import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { haversineKm, type LatLon } from '@lepa/shared';
import { km } from '../format.ts';
import { ATTRIBUTION, DISTRICTS, REGION_EXTENT, districtOf } from './districts.ts';
import {
  atLeast,
  extentOf,
  fitView,
  panBy,
  pathOf,
  project,
  toScreen,
  union,
  zoomBy,
  type Disc,
  type View,
} from './geometry.ts';
import { placeLabels, type LabelRequest } from './labels.ts';
import { measureText } from './measure-text.ts';

/** Something with a place on the map: a lot or a firm. */
export interface MapPlace {
  id: string;
  name: string;
  location: LatLon;
  /** draws a reach circle of this many km (a firm's service radius, a lot's distance limit) */
  radiusKm?: number;
  /** sizes the marker by area against the largest weight of its kind (e.g. contract value) */
  weight?: number;
  /** drawn stronger and labelled first */
  highlight?: boolean;
  /** an extra fact for the text version, e.g. "£12,400 of work" */
  detail?: string;
}

export type FirmRole = 'lead' | 'member' | 'firm';

export interface MapFirm extends MapPlace {
  role?: FirmRole;
}

export interface RegionMapProps {
  /** names the map for screen readers and heads its text version */
  caption: string;
  lots: readonly MapPlace[];
  firms: readonly MapFirm[];
}

const LABEL_FONT_PX = 12;
const DISTRICT_FONT_PX = 11;
const LABEL_PADDING_PX = 3;
const MAX_LABEL_CHARS = 28;
const EDGE_PADDING_PX = 28;
/** A lone place still shows some 20 km around it. */
const MIN_VIEW_KM = 20;
const MAX_PX_PER_KM = 80;
const ZOOM_STEP = 1.5;

const shortName = (name: string) =>
  name.length > MAX_LABEL_CHARS ? `${name.slice(0, MAX_LABEL_CHARS - 1).trimEnd()}…` : name;

function markerRadius(place: MapPlace, maxWeight: number, base: number): number {
  if (place.weight === undefined || maxWeight <= 0) return base;
  return 4 + 9 * Math.sqrt(Math.max(0, place.weight) / maxWeight);
}

const ROLE_ORDER: Record<FirmRole, number> = { lead: 0, member: 1, firm: 2 };
const ROLE_WORD: Record<FirmRole, string> = { lead: 'lead', member: 'member', firm: 'firm' };

/** Lots first, highlighted and weightier places before the rest, then by name: the same order every time. */
function labelOrder<T extends MapPlace>(places: readonly T[], rank: (place: T) => number): T[] {
  return [...places].sort(
    (a, b) =>
      Number(!!b.highlight) - Number(!!a.highlight) ||
      rank(a) - rank(b) ||
      (b.weight ?? 0) - (a.weight ?? 0) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
}

/** Keeps the SVG's pixel size in step with its box, so labels are laid out in real screen pixels. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(560);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.round(element.clientWidth));
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * The region map: district outlines, lots as squares, firms as dots with their
 * reach circles, labels that never overlap, pan and zoom by buttons and keys,
 * and a text version listing the same facts. Drawn offline from shipped
 * outlines; places outside them widen the map.
 */
export function RegionMap({ caption, lots, firms }: RegionMapProps) {
  const titleId = useId();
  const descId = useId();
  const hintId = useId();
  const { ref, width } = useWidth();
  const height = Math.round(Math.min(520, Math.max(280, width * 0.75)));
  const [fontFamily, setFontFamily] = useState<string | null>(null);
  useEffect(() => {
    if (ref.current) setFontFamily(getComputedStyle(ref.current).fontFamily);
  }, [ref]);

  const discs = useMemo(() => {
    const toDisc = (place: MapPlace): Disc => ({ ...project(place.location), radiusKm: place.radiusKm ?? 0 });
    return [...lots.map(toDisc), ...firms.map(toDisc)];
  }, [lots, firms]);
  const fullExtent = useMemo(() => union(REGION_EXTENT, extentOf(discs)), [discs]);
  const homeView = useMemo(() => {
    const focus = extentOf(discs);
    return fitView(atLeast(focus ?? REGION_EXTENT, MIN_VIEW_KM), width, height, EDGE_PADDING_PX);
  }, [discs, width, height]);
  const limits = useMemo(
    () => ({
      minPxPerKm: Math.min(homeView.pxPerKm, fitView(fullExtent, width, height, EDGE_PADDING_PX).pxPerKm) * 0.9,
      maxPxPerKm: MAX_PX_PER_KM,
    }),
    [homeView, fullExtent, width, height],
  );
  // A moved view belongs to the places and size it was moved on; new places or a new size start from home.
  const viewKey = `${width}x${height}:${discs.map((d) => `${d.x},${d.y},${d.radiusKm}`).join(';')}`;
  const [moved, setMoved] = useState<{ key: string; view: View } | null>(null);
  const view = moved?.key === viewKey ? moved.view : homeView;
  const move = (next: View) => setMoved({ key: viewKey, view: next });
  const zoom = (factor: number) => move(zoomBy(view, factor, limits));
  const pan = (dx: number, dy: number) => move(panBy(view, dx * width * 0.2, dy * height * 0.2, fullExtent));

  const onKeyDown = (event: KeyboardEvent) => {
    const actions: Record<string, () => void> = {
      ArrowLeft: () => pan(-1, 0),
      ArrowRight: () => pan(1, 0),
      ArrowUp: () => pan(0, -1),
      ArrowDown: () => pan(0, 1),
      '+': () => zoom(ZOOM_STEP),
      '=': () => zoom(ZOOM_STEP),
      '-': () => zoom(1 / ZOOM_STEP),
      '0': () => setMoved(null),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const screen = (location: LatLon) => toScreen(view, width, height, project(location));
  const maxLotWeight = Math.max(0, ...lots.map((l) => l.weight ?? 0));
  const maxFirmWeight = Math.max(0, ...firms.map((f) => f.weight ?? 0));
  const lotMarks = labelOrder(lots, () => 0).map((lot) => ({
    place: lot,
    ...screen(lot.location),
    r: markerRadius(lot, maxLotWeight, 7),
  }));
  const firmMarks = labelOrder(firms, (f) => ROLE_ORDER[f.role ?? 'firm']).map((firm) => ({
    place: firm,
    ...screen(firm.location),
    r: markerRadius(firm, maxFirmWeight, 5),
  }));
  const onScreen = (p: { x: number; y: number }) => p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;

  // Every label the map would like, most important first; districts come last and only where there is room.
  const measure = (text: string, fontPx: number) => measureText(text, fontPx, fontFamily);
  const wanted: { text: string; district: boolean; request: Omit<LabelRequest, 'id'> }[] = [
    ...[...lotMarks, ...firmMarks].filter(onScreen).map((mark) => {
      const text = shortName(mark.place.name);
      return {
        text,
        district: false,
        request: {
          x: mark.x,
          y: mark.y,
          r: mark.r,
          width: measure(text, LABEL_FONT_PX) + 2 * LABEL_PADDING_PX,
          height: LABEL_FONT_PX + 2 * LABEL_PADDING_PX + 2,
          placement: 'around' as const,
        },
      };
    }),
    ...DISTRICTS.flatMap((district) => {
      const at = district.labelPoint ? toScreen(view, width, height, district.labelPoint) : null;
      if (!at || !onScreen(at)) return [];
      return [
        {
          text: district.name,
          district: true,
          request: {
            ...at,
            r: 0,
            width: measure(district.name, DISTRICT_FONT_PX) + 4,
            height: DISTRICT_FONT_PX + 4,
            placement: 'centre' as const,
          },
        },
      ];
    }),
  ];
  const placed = placeLabels(
    wanted.map((label, index) => ({ ...label.request, id: String(index) })),
    { x: 0, y: 0, width, height },
  );

  const firmClass = (firm: MapFirm) =>
    ['map__firm', `map__firm--${firm.role ?? 'firm'}`, firm.highlight ? 'map__firm--highlight' : '']
      .filter(Boolean)
      .join(' ');
  const roles = new Set(firms.map((f) => f.role ?? 'firm'));

  return (
    <figure className="map">
      <div className="map__toolbar" role="toolbar" aria-label="Map view">
        <button type="button" className="map__button" aria-label="Zoom in" onClick={() => zoom(ZOOM_STEP)}>
          +
        </button>
        <button type="button" className="map__button" aria-label="Zoom out" onClick={() => zoom(1 / ZOOM_STEP)}>
          −
        </button>
        <button type="button" className="map__button" aria-label="Pan west" onClick={() => pan(-1, 0)}>
          ←
        </button>
        <button type="button" className="map__button" aria-label="Pan north" onClick={() => pan(0, -1)}>
          ↑
        </button>
        <button type="button" className="map__button" aria-label="Pan south" onClick={() => pan(0, 1)}>
          ↓
        </button>
        <button type="button" className="map__button" aria-label="Pan east" onClick={() => pan(1, 0)}>
          →
        </button>
        <button type="button" className="map__button map__button--text" onClick={() => setMoved(null)}>
          Reset view
        </button>
      </div>
      <div
        ref={ref}
        className="map__frame"
        tabIndex={0}
        role="group"
        aria-label={`${caption}: map`}
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
      >
        <svg
          className="map__svg"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
        >
          <title id={titleId}>{caption}</title>
          <desc id={descId}>
            {`${lots.length} ${lots.length === 1 ? 'lot' : 'lots'} and ${firms.length} ${firms.length === 1 ? 'firm' : 'firms'}; the text version below the map lists them.`}
          </desc>
          <rect className="map__sea" width={width} height={height} />
          {DISTRICTS.map((district) => (
            <path
              key={district.code}
              className={district.metropolitan ? 'map__district map__district--metropolitan' : 'map__district'}
              d={pathOf(district.polygons, view, width, height)}
            />
          ))}
          {lotMarks
            .filter((mark) => mark.place.radiusKm)
            .map((mark) => (
              <circle
                key={`reach:lot:${mark.place.id}`}
                className="map__reach map__reach--lot"
                cx={mark.x}
                cy={mark.y}
                r={mark.place.radiusKm! * view.pxPerKm}
              />
            ))}
          {firmMarks
            .filter((mark) => mark.place.radiusKm)
            .map((mark) => (
              <circle
                key={`reach:firm:${mark.place.id}`}
                className={`map__reach map__reach--${mark.place.role ?? 'firm'}`}
                cx={mark.x}
                cy={mark.y}
                r={mark.place.radiusKm! * view.pxPerKm}
              />
            ))}
          {placed
            .filter((label) => label.leader)
            .map(({ id, leader }) => (
              <line key={`leader:${id}`} className="map__leader" {...leader!} />
            ))}
          {firmMarks.map((mark) => (
            <circle
              key={`firm:${mark.place.id}`}
              className={firmClass(mark.place)}
              cx={mark.x}
              cy={mark.y}
              r={mark.r}
            />
          ))}
          {lotMarks.map((mark) => (
            <rect
              key={`lot:${mark.place.id}`}
              className={mark.place.highlight ? 'map__lot map__lot--highlight' : 'map__lot'}
              x={mark.x - mark.r}
              y={mark.y - mark.r}
              width={mark.r * 2}
              height={mark.r * 2}
            />
          ))}
          {placed.map(({ id, box }) => {
            const { text, district } = wanted[Number(id)]!;
            return (
              <g key={`label:${id}`} className={district ? 'map__label map__label--district' : 'map__label'}>
                {district ? null : <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={3} />}
                <text
                  x={box.x + box.width / 2}
                  y={box.y + box.height / 2}
                  textAnchor="middle"
                  dominantBaseline="central"
                  fontSize={district ? DISTRICT_FONT_PX : LABEL_FONT_PX}
                >
                  {text}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <p id={hintId} className="map__hint">
        Arrow keys pan the map, + and − zoom, 0 resets it.
      </p>
      <figcaption className="map__legend">
        {lots.length > 0 ? (
          <span>
            <span className="legend-swatch legend-swatch--lot" aria-hidden="true" /> lot
          </span>
        ) : null}
        {(['lead', 'member', 'firm'] as const)
          .filter((role) => roles.has(role))
          .map((role) => (
            <span key={role}>
              <span className={`legend-swatch legend-swatch--${role}`} aria-hidden="true" /> {ROLE_WORD[role]}
            </span>
          ))}
        {discs.some((d) => d.radiusKm > 0) ? (
          <span>
            <span className="legend-swatch legend-swatch--reach" aria-hidden="true" /> reach
          </span>
        ) : null}
        <small className="map__attribution">{ATTRIBUTION}</small>
      </figcaption>
      <MapText caption={caption} lots={lots} firms={firms} />
    </figure>
  );
}

function placeWords(location: LatLon) {
  const district = districtOf(location);
  return district ? `in ${district}` : 'outside the mapped districts';
}

/** The same facts as the map, as a list: where each place is, its reach and, with one lot, each firm's distance. */
function MapText({ caption, lots, firms }: RegionMapProps) {
  const onlyLot = lots.length === 1 ? lots[0] : undefined;
  return (
    <details className="map__text">
      <summary>{caption}: as text</summary>
      <ul>
        {lots.map((lot) => (
          <li key={`lot:${lot.id}`}>
            {[
              `${lot.name} (lot), ${placeWords(lot.location)}`,
              lot.radiusKm ? `firms within ${km(lot.radiusKm)}` : '',
              lot.detail ?? '',
            ]
              .filter(Boolean)
              .join('; ')}
          </li>
        ))}
        {firms.map((firm) => (
          <li key={`firm:${firm.id}`}>
            {[
              `${firm.name} (${ROLE_WORD[firm.role ?? 'firm']}), ${placeWords(firm.location)}`,
              firm.radiusKm ? `reach ${km(firm.radiusKm)}` : '',
              onlyLot ? `${km(haversineKm(firm.location, onlyLot.location))} from the lot` : '',
              firm.detail ?? '',
            ]
              .filter(Boolean)
              .join('; ')}
          </li>
        ))}
        {lots.length + firms.length === 0 ? <li>Nothing to show yet.</li> : null}
      </ul>
    </details>
  );
}
