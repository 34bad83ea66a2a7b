import type { ProposedEntry } from '../../store/proposed.ts';
import { Badge } from '../../ui/feedback.tsx';
import { money } from '../../ui/format.ts';
import { skillLabel } from '../../ui/vocabulary.ts';

/** One of my firms in one proposal: where the proposal ranks and what my firm would do in it. */
export function ProposedEntryRow({ entry }: { entry: ProposedEntry }) {
  return (
    <li className="proposed-entry">
      <p>
        <strong>Rank {entry.rank}</strong> · {money(entry.cost)} · {entry.memberCount}{' '}
        {entry.memberCount === 1 ? 'member' : 'members'} · {entry.firm.name}{' '}
        {entry.isLead ? <Badge tone="accent">Lead</Badge> : null}
      </p>
      <ul className="assignments" aria-label={`${entry.firm.name} in proposal ${entry.rank}`}>
        {entry.assignments.map((assignment) => (
          <li key={assignment.skill}>
            {skillLabel(assignment.skill)}: {assignment.quantity} units at {money(assignment.unitCost)}
          </li>
        ))}
      </ul>
    </li>
  );
}
