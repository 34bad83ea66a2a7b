import type { Consortium } from '@lepa/shared';
import { paths } from '../../routing.ts';
import { Badge } from '../../ui/feedback.tsx';
import { money } from '../../ui/format.ts';
import { CONSORTIUM_STATUS_TONE } from '../../ui/vocabulary.ts';

/** One consortium in a list: its lot, status, cost and how many members have accepted. */
export function ConsortiumRow({ consortium }: { consortium: Consortium }) {
  const accepted = consortium.members.filter((m) => m.invitation === 'accepted').length;
  const lead = consortium.members.find((m) => m.smeId === consortium.lead);
  return (
    <li className="proposed-entry">
      <p>
        <a href={paths.consortium(consortium.id)}>
          <strong>{consortium.lotTitle}</strong>
        </a>{' '}
        <Badge tone={CONSORTIUM_STATUS_TONE[consortium.status]}>{consortium.status}</Badge>
      </p>
      <p className="meta">
        Led by {lead?.name ?? 'unknown'} · {money(consortium.cost)} · {accepted} of {consortium.members.length} members
        accepted
      </p>
    </li>
  );
}
