import { TableScroll } from '../../ui/layout.tsx';
import type { ProposalMember } from '@lepa/shared';
import { Badge } from '../../ui/feedback.tsx';
import { km } from '../../ui/format.ts';
import { WorkFigures } from '../../ui/WorkFigures.tsx';

/** Who does what: each member's distance, what it quoted and is paid, and apart, what the ranking adjusted. */
export function MembersTable({
  members,
  lead,
  rank,
  coordination,
}: {
  members: readonly ProposalMember[];
  /** the member shown as lead; null when the proposal's lead may not lead */
  lead: string | null;
  rank: number;
  /** the coordination cost each member adds */
  coordination: number;
}) {
  return (
    <TableScroll label={`Members of proposal ${rank}`}>
      <table className="table">
        <caption className="visually-hidden">Members of proposal {rank}</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Distance</th>
            <th scope="col">Work and pay</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.smeId}>
              <th scope="row">
                {member.name} {member.smeId === lead ? <Badge tone="accent">Lead</Badge> : null}
              </th>
              <td>{km(member.distanceKm)}</td>
              <td>
                <WorkFigures assignments={member.assignments} coordination={coordination} payee="the firm" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
