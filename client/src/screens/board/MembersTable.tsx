import { TableScroll } from '../../ui/layout.tsx';
import type { ProposalMember } from '@lepa/shared';
import { Badge } from '../../ui/feedback.tsx';
import { km, money } from '../../ui/format.ts';
import { skillLabel } from '../../ui/vocabulary.ts';

/** Who does what: each member's distance and its assignments at the effective unit cost the ranking used. */
export function MembersTable({
  members,
  lead,
  rank,
}: {
  members: readonly ProposalMember[];
  /** the member shown as lead; null when the proposal's lead may not lead */
  lead: string | null;
  rank: number;
}) {
  return (
    <TableScroll label={`Members of proposal ${rank}`}>
      <table className="table">
        <caption className="visually-hidden">Members of proposal {rank}</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Distance</th>
            <th scope="col">Assignments</th>
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
                <ul className="assignments">
                  {member.assignments.map((assignment) => (
                    <li key={assignment.skill}>
                      {skillLabel(assignment.skill)}: {assignment.quantity} × {money(assignment.unitCost)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
