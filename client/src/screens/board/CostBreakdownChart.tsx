import type { CSSProperties } from 'react';
import { QUOTED_WORK_TERM, type CostBreakdown } from '@lepa/shared';
import { FigureTerms } from '../../ui/FigureTerms.tsx';
import { money } from '../../ui/format.ts';
import { proposalFigures } from '../../ui/work-figures.ts';

/**
 * A waterfall from the quoted work (what the firms are paid) to the cost the
 * ranking uses: each bar starts where the previous one ended, so the discount
 * visibly takes money off. The adjustments are labelled "for ranking only",
 * and each part has a one-line explanation. All figures are the server's.
 */
export function CostBreakdownChart({
  breakdown,
  cost,
  explained,
}: {
  breakdown: CostBreakdown;
  cost: number;
  /** whether the one-line explanations start unfolded */
  explained: boolean;
}) {
  const figures = proposalFigures(breakdown);
  const steps = [
    {
      key: 'work',
      label: `${QUOTED_WORK_TERM.label}, paid to the firms`,
      amount: figures.paid,
      text: money(figures.paid),
    },
    ...figures.adjustments.map((line) => ({
      key: line.key,
      label: `${line.label} (for ranking only)`,
      amount: line.amount,
      text: line.text,
    })),
  ];
  const peak = Math.max(cost, breakdown.work + breakdown.travel + breakdown.coordination, 1);
  let running = 0;
  const bars = steps.map((step) => {
    const from = running;
    running += step.amount;
    return { ...step, start: Math.min(from, running), size: Math.abs(step.amount) };
  });
  const share = (amount: number) => `${((amount / peak) * 100).toFixed(2)}%`;
  const tone = (key: string) => (key === 'socialValueDiscount' ? 'discount' : key);
  return (
    <figure className="breakdown">
      <figcaption className="breakdown__caption">Cost breakdown</figcaption>
      <ul className="breakdown__rows">
        {[
          ...bars,
          { key: 'total', label: 'Cost the ranking uses', amount: cost, text: money(cost), start: 0, size: cost },
        ].map((bar) => (
          <li key={bar.key} className={`breakdown__row breakdown__row--${tone(bar.key)}`} data-part={bar.key}>
            <span className="breakdown__label">{bar.label}</span>
            <span className="breakdown__track" aria-hidden="true">
              <span
                className="breakdown__bar"
                style={{ '--start': share(bar.start), '--size': share(bar.size) } as CSSProperties}
              />
            </span>
            <span className="breakdown__value">{bar.text}</span>
          </li>
        ))}
      </ul>
      <FigureTerms terms={[QUOTED_WORK_TERM, ...figures.adjustments]} open={explained} />
    </figure>
  );
}
