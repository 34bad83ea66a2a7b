/**
 * Whether a listed lot's board has moved past the version last seen, so where the firm stands on it may
 * have moved too; remembers the versions shown now in `seen`. A lot's first snapshot (version 0 is none
 * yet) is no news, the list was loaded with it: so a lot that has just joined the list reloads it only
 * when its board changes afterwards.
 */
export function boardsMoved(seen: Map<string, number>, shown: ReadonlyMap<string, number>): boolean {
  let moved = false;
  for (const [lotId, version] of shown) {
    if (version === 0) continue;
    const before = seen.get(lotId);
    if (before !== undefined && version > before) moved = true;
    seen.set(lotId, version);
  }
  return moved;
}
