import { TableScroll } from '../../ui/layout.tsx';
import type { Consortium, InvitationState } from '@lepa/shared';
import { Button } from '../../ui/Button.tsx';
import { Badge } from '../../ui/feedback.tsx';
import { km } from '../../ui/format.ts';
import { WorkFigures } from '../../ui/WorkFigures.tsx';
import { coordinationPerMember } from '../../ui/work-figures.ts';

const INVITATION_TONE = { pending: 'warn', accepted: 'good', declined: 'bad' } as const satisfies Record<
  InvitationState,
  string
>;

interface ConsortiumMembersProps {
  consortium: Consortium;
  /** null when the viewer may not swap members (not the lead, or no longer forming) */
  onSwap: ((smeId: string) => void) | null;
  swapping: string | null;
}

/** Who is in the consortium, what each does, and where each invitation stands. */
export function ConsortiumMembers({ consortium, onSwap, swapping }: ConsortiumMembersProps) {
  const declined = consortium.members.filter((m) => m.invitation === 'declined');
  const coordination = coordinationPerMember(consortium.breakdown, consortium.members.length);
  return (
    <TableScroll label={'Members of the consortium'}>
      {onSwap && declined.length > 0 ? (
        <p className="notice notice--warn" role="status">
          {declined.map((m) => m.name).join(', ')} declined. Choose a replacement: the bid can only be submitted once
          every member has accepted.
        </p>
      ) : null}
      <table className="table table--stack">
        <caption className="visually-hidden">Members of the consortium</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Distance</th>
            <th scope="col">Work and pay</th>
            <th scope="col">Invitation</th>
            {onSwap ? <th scope="col">Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {consortium.members.map((member) => (
            <tr key={member.smeId}>
              <th scope="row">
                {member.name} {member.smeId === consortium.lead ? <Badge tone="accent">Lead</Badge> : null}
              </th>
              <td data-label="Distance">{km(member.distanceKm)}</td>
              <td data-label="Work and pay">
                <WorkFigures assignments={member.assignments} coordination={coordination} payee="the firm" />
              </td>
              <td data-label="Invitation">
                <Badge tone={INVITATION_TONE[member.invitation]}>{member.invitation}</Badge>
              </td>
              {onSwap ? (
                <td>
                  {member.smeId === consortium.lead ? null : (
                    <Button
                      variant="quiet"
                      aria-expanded={swapping === member.smeId}
                      onClick={() => onSwap(member.smeId)}
                      aria-label={
                        member.invitation === 'declined'
                          ? `Choose a replacement for ${member.name}`
                          : `Swap ${member.name}`
                      }
                    >
                      {member.invitation === 'declined' ? 'Choose a replacement' : 'Swap'}
                    </Button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
