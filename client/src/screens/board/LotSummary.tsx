import type { Lot } from '@lepa/shared';
import { Notice } from '../../ui/feedback.tsx';
import { day, km, money } from '../../ui/format.ts';
import { skillLabel } from '../../ui/vocabulary.ts';

/** The lot's terms above its board, so a proposal can be read against what was asked. */
export function LotSummary({ lot }: { lot: Lot }) {
  return (
    <div className="lot-summary">
      {lot.status !== 'open' ? <Notice>This lot is {lot.status}; its proposals no longer change.</Notice> : null}
      <p className="meta">
        {lot.postcode ?? 'No postcode'} · {lot.homes} homes · {day(lot.startDate)} to {day(lot.endDate)} · at most{' '}
        {lot.maxMembers} members
        {lot.maxDistanceKm !== null ? ` within ${km(lot.maxDistanceKm)}` : ''} · coordination{' '}
        {money(lot.coordinationCostPerMember)} per member
      </p>
      <ul className="tags" aria-label="Requirements">
        {lot.requirements.map((r) => (
          <li key={r.skill} className="tag">
            {skillLabel(r.skill)} × {r.quantity}
          </li>
        ))}
      </ul>
    </div>
  );
}
