import { useState } from 'react';
import type { Consortium } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import type { FirmSkillProblem } from '../../store/action-result.ts';
import { Button } from '../../ui/Button.tsx';
import { Notice } from '../../ui/feedback.tsx';
import { ProblemList } from './ProblemList.tsx';

type Failure = { message: string; problems: FirmSkillProblem[] };

/** The lead's submit and withdraw; submitting waits for every member to accept, withdrawing asks twice. */
export function BidActions({ consortium }: { consortium: Consortium }) {
  const { submitConsortium, withdrawConsortium } = useApp((state) => ({
    submitConsortium: state.submitConsortium,
    withdrawConsortium: state.withdrawConsortium,
  }));
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
            onClick={() => void run('submit')}
          >
            Submit bid
          </Button>
        ) : null}
        {canWithdraw && !confirmingWithdraw ? (
          <Button variant="quiet" onClick={() => setConfirmingWithdraw(true)}>
            Withdraw
          </Button>
        ) : null}
        {canWithdraw && confirmingWithdraw ? (
          <>
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
