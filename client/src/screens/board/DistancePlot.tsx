import { useId } from 'react';
import type { ProposalMember } from '@lepa/shared';
import { km } from '../../ui/format.ts';
import { plotRadiusKm, project, RINGS_KM, type Point } from './projection.ts';

interface DistancePlotProps {
  lot: Point;
  members: readonly ProposalMember[];
  /** where each member is; a member still being looked up is left out until it arrives */
  locations: Readonly<Record<string, Point>>;
  lead: string;
  caption: string;
}

/** The lot at the centre, members where they are, rings at 10, 25 and 50 km. */
export function DistancePlot({ lot, members, locations, lead, caption }: DistancePlotProps) {
  const titleId = useId();
  const descId = useId();
  const placed = members.flatMap((member) => {
    const location = locations[member.smeId];
    return location ? [{ member, ...project(lot, location) }] : [];
  });
  const farthest = Math.max(0, ...placed.map((p) => Math.hypot(p.x, p.y)), ...members.map((m) => m.distanceKm));
  const r = plotRadiusKm(farthest);
  // Sizes in km, the plot's unit, scaled with the plot so text stays the same size on screen.
  const unit = r / 100;
  return (
    <figure className="plot">
      <svg
        viewBox={`${-r} ${-r} ${2 * r} ${2 * r}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="plot__svg"
      >
        <title id={titleId}>{caption}</title>
        <desc id={descId}>
          {members.length === 0
            ? 'No members to show.'
            : members.map((m) => `${m.name}, ${km(m.distanceKm)} from the lot`).join('; ')}
        </desc>
        {RINGS_KM.filter((ring) => ring <= r).map((ring) => (
          <g key={ring} className="plot__ring">
            <circle r={ring} strokeWidth={unit * 0.6} />
            <text x={ring * Math.SQRT1_2 + unit} y={-ring * Math.SQRT1_2 - unit} fontSize={unit * 6}>
              {ring} km
            </text>
          </g>
        ))}
        <line className="plot__axis" x1={-r} x2={r} y1={0} y2={0} strokeWidth={unit * 0.3} />
        <line className="plot__axis" y1={-r} y2={r} x1={0} x2={0} strokeWidth={unit * 0.3} />
        {placed.map(({ member, x, y }) => (
          <g key={member.smeId} className={member.smeId === lead ? 'plot__member plot__member--lead' : 'plot__member'}>
            <line x1={0} y1={0} x2={x} y2={y} strokeWidth={unit * 0.4} />
            <circle cx={x} cy={y} r={unit * 3} />
            <MemberLabel name={member.name} x={x} y={y} r={r} unit={unit} />
          </g>
        ))}
        <rect className="plot__lot" x={-unit * 3.5} y={-unit * 3.5} width={unit * 7} height={unit * 7} />
      </svg>
      <figcaption className="plot__legend">
        <span className="legend-swatch legend-swatch--lot" aria-hidden="true" /> the lot
        <span className="legend-swatch legend-swatch--lead" aria-hidden="true" /> lead
        <span className="legend-swatch legend-swatch--member" aria-hidden="true" /> member
      </figcaption>
    </figure>
  );
}

/** Longer names are cut so labels do not run across the plot; the full name is the tooltip and in the description. */
const LABEL_CHARS = 22;

/** A label that would run off the right edge goes on the dot's left instead. */
function MemberLabel({
  name: fullName,
  x,
  y,
  r,
  unit,
}: {
  name: string;
  x: number;
  y: number;
  r: number;
  unit: number;
}) {
  const name = fullName.length > LABEL_CHARS ? `${fullName.slice(0, LABEL_CHARS - 1).trimEnd()}…` : fullName;
  const fontSize = unit * 6;
  // Average glyph width of a sans-serif face is about 0.55 em; close enough to decide a side.
  const fitsRight = x + unit * 4.5 + name.length * fontSize * 0.55 <= r;
  return (
    <text
      x={fitsRight ? x + unit * 4.5 : x - unit * 4.5}
      y={y + unit * 2}
      textAnchor={fitsRight ? 'start' : 'end'}
      fontSize={fontSize}
    >
      {name !== fullName ? <title>{fullName}</title> : null}
      {name}
    </text>
  );
}
