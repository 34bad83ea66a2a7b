import type { Allocation } from '@lepa/shared';
import { count, money, percent } from '../../ui/format.ts';

const STATUS_WORDS: Record<Allocation['status'], string> = {
  optimal: 'proven the best possible',
  bounded: 'the best found; it is within',
  timedout: 'the best found before time ran out',
};

export function TotalsTable({ allocation }: { allocation: Allocation }) {
  const { totals, baseline } = allocation;
  const rows: [string, string, string][] = [
    ['Total cost', money(totals.cost), money(baseline.cost)],
    ['Lots covered', count(totals.lotsCovered), count(baseline.lotsCovered)],
    ['Firms with work', count(totals.distinctFirms), count(baseline.distinctFirms)],
    ['Spend with firms within 25 km', percent(totals.localSpendPct), percent(baseline.localSpendPct)],
    ['Spend with firms under 50 staff', percent(totals.microSmallSharePct), percent(baseline.microSmallSharePct)],
  ];
  const extra = baseline.cost > 0 ? ((totals.cost - baseline.cost) / baseline.cost) * 100 : 0;
  return (
    <>
      <table className="table" aria-label="Programme totals">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Spread across local firms</th>
            <th scope="col">Cheapest first, lot by lot</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, spread, cheapest]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td data-testid={`spread-${label}`}>{spread}</td>
              <td>{cheapest}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {count(totals.distinctFirms)} firms get work instead of {count(baseline.distinctFirms)}, for{' '}
        {extra >= 0 ? `${percent(Math.round(extra * 10) / 10)} more` : `${percent(Math.round(-extra * 10) / 10)} less`}{' '}
        than awarding each lot to its cheapest consortium in turn. This allocation is {STATUS_WORDS[allocation.status]}
        {allocation.status === 'bounded' && allocation.gapPct !== null
          ? ` ${percent(allocation.gapPct)} of the best`
          : ''}
        .
      </p>
    </>
  );
}
