import type { CSSProperties } from 'react';
import type { CostBreakdown } from '@lepa/shared';
import { money } from '../../ui/format.ts';

interface Step {
  label: string;
  amount: number;
  /** a discount takes the running total down */
  sign: 1 | -1;
  tone: string;
}

/**
 * A waterfall from the work's price to the proposal's cost: each bar starts
 * where the previous one ended, so the discount visibly takes money off.
 * All figures are the server's; the chart only lays them out.
 */
export function CostBreakdownChart({ breakdown, cost }: { breakdown: CostBreakdown; cost: number }) {
  const steps: Step[] = [
    { label: 'Work', amount: breakdown.work, sign: 1, tone: 'work' },
    { label: 'Social value discount', amount: breakdown.socialValueDiscount, sign: -1, tone: 'discount' },
    { label: 'Travel', amount: breakdown.travel, sign: 1, tone: 'travel' },
    { label: 'Coordination', amount: breakdown.coordination, sign: 1, tone: 'coordination' },
  ];
  const peak = Math.max(cost, breakdown.work + breakdown.travel + breakdown.coordination, 1);
  let running = 0;
  const bars = steps.map((step) => {
    const from = running;
    running += step.sign * step.amount;
    return { ...step, start: Math.min(from, running), size: Math.abs(step.amount) };
  });
  const share = (amount: number) => `${((amount / peak) * 100).toFixed(2)}%`;
  return (
    <figure className="breakdown">
      <figcaption className="breakdown__caption">Cost breakdown</figcaption>
      <ul className="breakdown__rows">
        {[...bars, { label: 'Cost', amount: cost, sign: 1 as const, tone: 'total', start: 0, size: cost }].map(
          (bar) => (
            <li key={bar.label} className={`breakdown__row breakdown__row--${bar.tone}`}>
              <span className="breakdown__label">{bar.label}</span>
              <span className="breakdown__track" aria-hidden="true">
                <span
                  className="breakdown__bar"
                  style={{ '--start': share(bar.start), '--size': share(bar.size) } as CSSProperties}
                />
              </span>
              <span className="breakdown__value">
                {bar.sign < 0 ? '−' : ''}
                {money(bar.amount)}
              </span>
            </li>
          ),
        )}
      </ul>
    </figure>
  );
}
