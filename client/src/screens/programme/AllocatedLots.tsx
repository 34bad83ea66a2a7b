import type { Allocation } from '@lepa/shared';
import { paths } from '../../routing.ts';
import { money } from '../../ui/format.ts';

export function AllocatedLots({ allocation }: { allocation: Allocation }) {
  return (
    <ul className="allocated-lots">
      {allocation.lots.map((lot) => (
        <li key={lot.lotId}>
          <a href={paths.board(lot.lotId)}>{lot.title ?? lot.lotId}</a>:{' '}
          {lot.proposal ? (
            <>
              {lot.proposal.members.map((member) => member.name ?? member.smeId).join(', ')} for{' '}
              {money(lot.proposal.cost)}
            </>
          ) : (
            <>not covered. {lot.unmet}</>
          )}
        </li>
      ))}
    </ul>
  );
}
