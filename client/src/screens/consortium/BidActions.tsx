import { useState } from 'react';
import type { Consortium } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import type { FirmSkillProblem } from '../../store/action-result.ts';
import { Button } from '../../ui/Button.tsx';
import { Notice } from '../../ui/feedback.tsx';
import { ProblemList } from './ProblemList.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { windowWords } from '../../ui/window-words.ts';
import { skillLabel } from '../../ui/vocabulary.ts';

type Failure = { message: string; problems: FirmSkillProblem[] };

/** The lead's submit and withdraw; submitting waits for every member to accept, withdrawing asks twice. */
export function BidActions({ consortium }: { consortium: Consortium }) {
  const { submitConsortium, withdrawConsortium, lot } = useApp((state) => ({
    submitConsortium: state.submitConsortium,
    withdrawConsortium: state.withdrawConsortium,
    lot: state.lots.byId[consortium.lotId],
  }));
  const [confirmingSubmit, setConfirmingSubmit] = useState(false);
  const when = lot ? ` in ${windowWords(lot.startDate, lot.endDate)}` : '';
  const [busy, setBusy] = useState<'submit' | 'withdraw' | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [confirmingWithdraw, setConfirmingWithdraw] = useState(false);
  const waiting = consortium.members.filter((m) => m.invitation !== 'accepted');
  const canWithdraw = consortium.status === 'forming' || consortium.status === 'submitted';

  async function run(action: 'submit' | 'withdraw') {
    setBusy(action);
    setFailure(null);
    const result =
      action === 'submit' ? await submitConsortium(consortium.id) : await withdrawConsortium(consortium.id);
    setBusy(null);
    setConfirmingWithdraw(false);
    setConfirmingSubmit(false);
    if (!result.ok) setFailure({ message: result.message, problems: result.problems });
  }

  return (
    <div className="bid-actions">
      {failure ? (
        <Notice kind="error">
          {failure.message}
          <ProblemList problems={failure.problems} />
        </Notice>
      ) : null}
      {consortium.status === 'forming' ? (
        <p className="meta" id={`waiting-${consortium.id}`}>
          {waiting.length === 0
            ? 'Every member has accepted: the bid can be submitted. Submitting books each member’s capacity for the lot’s window.'
            : `Waiting for ${waiting.map((m) => `${m.name} (${m.invitation})`).join(', ')}.`}
        </p>
      ) : null}
      <div className="card__footer">
        {consortium.status === 'forming' ? (
          <Button
            variant="primary"
            busy={busy === 'submit'}
            disabled={waiting.length > 0}
            aria-describedby={`waiting-${consortium.id}`}
            onClick={() => setConfirmingSubmit(true)}
          >
            Submit bid
          </Button>
        ) : null}
        {confirmingSubmit ? (
          <ConfirmDialog
            title="Submit this bid?"
            confirmLabel="Submit the bid"
            busy={busy === 'submit'}
            onConfirm={() => void run('submit')}
            onCancel={() => setConfirmingSubmit(false)}
          >
            <p>Submitting sends the bid to the housing provider and books each member’s capacity:</p>
            <ul>
              {consortium.members.map((member) => (
                <li key={member.smeId}>
                  books{' '}
                  {member.assignments
                    .map((a) => `${a.quantity} units of ${member.name}’s ${skillLabel(a.skill).toLowerCase()} capacity`)
                    .join(' and ')}
                  {when}
                </li>
              ))}
            </ul>
            <p>The booking is released if you withdraw the bid or another bid wins.</p>
          </ConfirmDialog>
        ) : null}
        {canWithdraw && !confirmingWithdraw ? (
          <Button variant="quiet" onClick={() => setConfirmingWithdraw(true)}>
            Withdraw
          </Button>
        ) : null}
        {canWithdraw && confirmingWithdraw ? (
          <>
            <p className="meta">
              {consortium.status === 'submitted'
                ? `Withdrawing takes the bid back from the housing provider and frees every member’s booked capacity${when}. It cannot be undone.`
                : 'Withdrawing ends this consortium; the members’ invitations lapse. It cannot be undone.'}
            </p>
            <Button variant="danger" busy={busy === 'withdraw'} onClick={() => void run('withdraw')}>
              Yes, withdraw this {consortium.status === 'submitted' ? 'bid' : 'consortium'}
            </Button>
            <Button variant="quiet" onClick={() => setConfirmingWithdraw(false)}>
              Keep it
            </Button>
          </>
        ) : null}
      </div>
    </div>
  );
}
