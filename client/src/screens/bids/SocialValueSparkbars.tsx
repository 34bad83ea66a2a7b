import { percent } from '../../ui/format.ts';
import { socialValueFigures } from '../board/SocialValueBars.tsx';

const WIDTH = 120;
const BAR = 6;
const GAP = 3;

/** The bid's social value shares as a small bar chart in a table cell; the full figures are its accessible name. */
export function SocialValueSparkbars({ socialValue }: { socialValue: Readonly<Record<string, unknown>> }) {
  const figures = socialValueFigures(socialValue);
  const shares = figures.filter((f) => f.kind === 'share');
  const others = figures.filter((f) => f.kind === 'count');
  const described = shares.map((f) => `${f.label} ${percent(f.value)}`).join(', ');
  const height = shares.length * (BAR + GAP);
  return (
    <div className="sparkbars">
      <svg width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={described}>
        {shares.map((figure, index) => (
          <g key={figure.key}>
            <title>{`${figure.label}: ${percent(figure.value)}`}</title>
            <rect className="sparkbars__track" x={0} y={index * (BAR + GAP)} width={WIDTH} height={BAR} rx={2} />
            <rect className="sparkbars__fill" x={0} y={index * (BAR + GAP)} width={(WIDTH * Math.min(100, Math.max(0, figure.value))) / 100} height={BAR} rx={2} />
          </g>
        ))}
      </svg>
      {others.map((figure) => (
        <span key={figure.key} className="meta">
          {figure.label}: {figure.value}
        </span>
      ))}
    </div>
  );
}
