import { useState } from 'react';
import type { Invitation } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { paths } from '../../routing.ts';
import { Button } from '../../ui/Button.tsx';
import { Card } from '../../ui/layout.tsx';
import { Badge, Notice } from '../../ui/feedback.tsx';
import { day, money } from '../../ui/format.ts';
import { CONSORTIUM_STATUS_TONE } from '../../ui/vocabulary.ts';
import { WorkFigures } from '../../ui/WorkFigures.tsx';

const ANSWER_TONE = { pending: 'warn', accepted: 'good', declined: 'bad' } as const;

/** One invitation: the lot, the lead, my firm's work and the consortium's cost, with accept and decline. */
export function InvitationCard({ invitation }: { invitation: Invitation }) {
  const answerInvitation = useApp((state) => state.answerInvitation);
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const answerable = invitation.invitation === 'pending' && invitation.consortiumStatus === 'forming';

  async function answer(choice: 'accept' | 'decline') {
    setBusy(choice);
    setError(await answerInvitation(invitation, choice));
    setBusy(null);
  }

  return (
    <Card
      title={invitation.lotTitle}
      className="invitation"
      actions={
        <>
          <Badge tone={ANSWER_TONE[invitation.invitation]}>{invitation.invitation}</Badge>
          {invitation.consortiumStatus !== 'forming' ? (
            <Badge tone={CONSORTIUM_STATUS_TONE[invitation.consortiumStatus]}>{invitation.consortiumStatus}</Badge>
          ) : null}
        </>
      }
    >
      <p className="meta">
        {invitation.leadName} invites <strong>{invitation.smeName}</strong> · {day(invitation.startDate)} to{' '}
        {day(invitation.endDate)} · consortium cost for ranking {money(invitation.cost)}
      </p>
      <section aria-label={`Work for ${invitation.smeName}`}>
        <WorkFigures assignments={invitation.assignments} coordination={null} payee={invitation.smeName} explained />
      </section>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <div className="card__footer">
        {answerable ? (
          <>
            <Button
              variant="primary"
              busy={busy === 'accept'}
              disabled={busy !== null}
              onClick={() => void answer('accept')}
              aria-label={`Accept for ${invitation.smeName}: ${invitation.lotTitle}`}
            >
              Accept
            </Button>
            <Button
              busy={busy === 'decline'}
              disabled={busy !== null}
              onClick={() => void answer('decline')}
              aria-label={`Decline for ${invitation.smeName}: ${invitation.lotTitle}`}
            >
              Decline
            </Button>
          </>
        ) : null}
        <a href={paths.consortium(invitation.consortiumId)}>Consortium</a>
        <a href={paths.board(invitation.lotId)}>Lot board</a>
      </div>
    </Card>
  );
}
