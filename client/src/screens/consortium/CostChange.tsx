import { money } from '../../ui/format.ts';

/** "£52,000.00 → £51,200.00 (−£800.00)": what a member change does to the consortium's cost. */
export function CostChange({
  before,
  after,
  change,
  estimate = false,
}: {
  before: number;
  after: number;
  change: number;
  estimate?: boolean;
}) {
  const direction = change < 0 ? 'cheaper' : change > 0 ? 'dearer' : 'same';
  return (
    <dl className="cost-change">
      <div>
        <dt>Cost before</dt>
        <dd>{money(before)}</dd>
      </div>
      <div>
        <dt>{estimate ? 'Cost after (estimate)' : 'Cost after'}</dt>
        <dd>{money(after)}</dd>
      </div>
      <div>
        <dt>Change</dt>
        <dd className={`cost-change__delta cost-change__delta--${direction}`}>
          {change > 0 ? '+' : change < 0 ? '−' : '±'}
          {money(Math.abs(change))}
        </dd>
      </div>
    </dl>
  );
}
