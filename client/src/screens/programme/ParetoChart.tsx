import type { ParetoPoint } from '../../store/programmes.ts';
import { count, moneyRounded } from '../../ui/format.ts';

const WIDTH = 520;
const HEIGHT = 260;
const PAD = { left: 90, right: 20, top: 16, bottom: 44 };

/** Total cost (up) against distinct firms with work (across), one point per tolerance; the chosen one stands out. */
export function ParetoChart({ points, current }: { points: readonly ParetoPoint[]; current: number }) {
  if (points.length === 0) return <p>No allocation could be made.</p>;
  const firms = points.map((point) => point.distinctFirms);
  const costs = points.map((point) => point.cost);
  const [minFirms, maxFirms] = [Math.min(...firms), Math.max(...firms)];
  const [minCost, maxCost] = [Math.min(...costs), Math.max(...costs)];
  const x = (value: number) =>
    PAD.left +
    (maxFirms === minFirms ? 0.5 : (value - minFirms) / (maxFirms - minFirms)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) =>
    HEIGHT -
    PAD.bottom -
    (maxCost === minCost ? 0.5 : (value - minCost) / (maxCost - minCost)) * (HEIGHT - PAD.top - PAD.bottom);
  const sorted = [...points].sort((a, b) => a.tolerancePct - b.tolerancePct);
  return (
    <figure className="pareto">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Total cost against firms with work for tolerances ${sorted[0]!.tolerancePct}% to ${sorted[sorted.length - 1]!.tolerancePct}%`}
        data-testid="pareto-chart"
      >
        <line
          x1={PAD.left}
          y1={HEIGHT - PAD.bottom}
          x2={WIDTH - PAD.right}
          y2={HEIGHT - PAD.bottom}
          stroke="currentColor"
        />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} stroke="currentColor" />
        <text x={(WIDTH + PAD.left) / 2} y={HEIGHT - 8} textAnchor="middle" fontSize="12">
          Firms with work
        </text>
        <text x={PAD.left - 6} y={y(minCost) + 4} textAnchor="end" fontSize="11">
          {moneyRounded(minCost)}
        </text>
        <text x={PAD.left - 6} y={y(maxCost) + 4} textAnchor="end" fontSize="11">
          {moneyRounded(maxCost)}
        </text>
        <text x={x(minFirms)} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" fontSize="11">
          {count(minFirms)}
        </text>
        <text x={x(maxFirms)} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" fontSize="11">
          {count(maxFirms)}
        </text>
        <polyline
          fill="none"
          stroke="currentColor"
          strokeOpacity={0.4}
          points={sorted.map((point) => `${x(point.distinctFirms)},${y(point.cost)}`).join(' ')}
        />
        {sorted.map((point) => (
          <circle
            key={point.tolerancePct}
            cx={x(point.distinctFirms)}
            cy={y(point.cost)}
            r={point.tolerancePct === current ? 7 : 4}
            className={point.tolerancePct === current ? 'pareto__current' : 'pareto__point'}
          >
            <title>{`${point.tolerancePct}%: ${count(point.distinctFirms)} firms, ${moneyRounded(point.cost)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        <table className="table" aria-label="Trade-off by tolerance">
          <thead>
            <tr>
              <th scope="col">Tolerance</th>
              <th scope="col">Firms with work</th>
              <th scope="col">Total cost</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((point) => (
              <tr key={point.tolerancePct} aria-current={point.tolerancePct === current ? 'true' : undefined}>
                <td>{point.tolerancePct}%</td>
                <td>{count(point.distinctFirms)}</td>
                <td>{moneyRounded(point.cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
