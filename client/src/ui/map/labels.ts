/** A box on screen in pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Something to label: a marker of radius `r` at (x, y), and the size its text needs. */
export interface LabelRequest {
  id: string;
  x: number;
  y: number;
  r: number;
  width: number;
  height: number;
  /** `around`: beside the marker, moving out along a leader line when crowded; `centre`: on the point or not at all */
  placement: 'around' | 'centre';
}

export interface PlacedLabel {
  id: string;
  box: Box;
  /** from the marker's edge to the label, when the label had to move away from its marker */
  leader: { x1: number; y1: number; x2: number; y2: number } | null;
}

/** Space kept between a marker and its label, and between labels. */
const GAP = 3;
/** How far a label may move from its marker, step by step, before it is left off. */
const STEPS_PX = [0, 10, 22, 38, 58, 84];
/** Right first (reads naturally), then left, above, below, then the diagonals. */
const DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, -1],
  [0, 1],
  [1, -1],
  [-1, -1],
  [1, 1],
  [-1, 1],
];

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const inside = (box: Box, screen: Box) =>
  box.x >= screen.x &&
  box.y >= screen.y &&
  box.x + box.width <= screen.x + screen.width &&
  box.y + box.height <= screen.y + screen.height;

const grown = (box: Box, by: number): Box => ({
  x: box.x - by,
  y: box.y - by,
  width: box.width + 2 * by,
  height: box.height + 2 * by,
});

/** The label's box when it sits `distance` px out from the marker's edge in direction (dx, dy). */
function candidateBox(request: LabelRequest, [dx, dy]: readonly [number, number], distance: number): Box {
  const reach = request.r + GAP + distance;
  // Diagonals step out at 45°, so a label clears the marker by the same distance whichever way it goes.
  const step = dx !== 0 && dy !== 0 ? reach * Math.SQRT1_2 : reach;
  const x = dx > 0 ? request.x + step : dx < 0 ? request.x - step - request.width : request.x - request.width / 2;
  const y = dy > 0 ? request.y + step : dy < 0 ? request.y - step - request.height : request.y - request.height / 2;
  return { x, y, width: request.width, height: request.height };
}

/** The point on a box's edge nearest to (x, y): where a leader line meets the label. */
function nearestEdgePoint(box: Box, x: number, y: number) {
  return {
    x: Math.min(box.x + box.width, Math.max(box.x, x)),
    y: Math.min(box.y + box.height, Math.max(box.y, y)),
  };
}

/**
 * Places labels one by one in the given order (put the most important first):
 * each takes the first candidate position that stays on screen and clear of
 * every marker and every label already placed. A label with no such position is
 * left off (the map's text version still lists it), so labels never overlap and
 * are never cut off. The same input always gives the same placement.
 */
export function placeLabels(requests: readonly LabelRequest[], screen: Box): PlacedLabel[] {
  const markers = requests
    .filter((r) => r.r > 0)
    .map((r) => ({ x: r.x - r.r, y: r.y - r.r, width: 2 * r.r, height: 2 * r.r }));
  const taken: Box[] = [];
  const placed: PlacedLabel[] = [];
  for (const request of requests) {
    const candidates =
      request.placement === 'centre'
        ? [{ box: candidateBox(request, [0, 0], 0), distance: 0 }]
        : STEPS_PX.flatMap((distance) =>
            DIRECTIONS.map((d) => ({ box: candidateBox(request, d, distance), distance })),
          );
    const fit = candidates.find(
      ({ box }) =>
        inside(box, screen) &&
        !taken.some((other) => overlaps(grown(box, GAP), other)) &&
        !markers.some((marker) => overlaps(box, marker)),
    );
    if (!fit) continue;
    taken.push(fit.box);
    let leader: PlacedLabel['leader'] = null;
    if (fit.distance > 0) {
      const end = nearestEdgePoint(fit.box, request.x, request.y);
      const length = Math.hypot(end.x - request.x, end.y - request.y);
      leader = {
        x1: request.x + ((end.x - request.x) / length) * request.r,
        y1: request.y + ((end.y - request.y) / length) * request.r,
        x2: end.x,
        y2: end.y,
      };
    }
    placed.push({ id: request.id, box: fit.box, leader });
  }
  return placed;
}
