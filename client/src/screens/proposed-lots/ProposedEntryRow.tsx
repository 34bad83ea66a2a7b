import type { ProposedEntry } from '../../store/proposed.ts';
import { Badge } from '../../ui/feedback.tsx';
import { money } from '../../ui/format.ts';
import { WorkFigures } from '../../ui/WorkFigures.tsx';

/** One of my firms in one proposal: where the proposal ranks, what my firm would do and be paid in it. */
export function ProposedEntryRow({ entry }: { entry: ProposedEntry }) {
  return (
    <li className="proposed-entry">
      <p>
        <strong>Rank {entry.rank}</strong> · cost for ranking {money(entry.cost)} · {entry.memberCount}{' '}
        {entry.memberCount === 1 ? 'member' : 'members'} · {entry.firm.name}{' '}
        {entry.isLead ? <Badge tone="accent">Lead</Badge> : null}
      </p>
      <section aria-label={`${entry.firm.name} in proposal ${entry.rank}`}>
        <WorkFigures assignments={entry.assignments} coordination={null} payee={entry.firm.name} />
      </section>
    </li>
  );
}
