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
import { money } from '../../ui/format.ts';

type Failure = { message: string; problems: FirmSkillProblem[] };

/** The lead's submit and withdraw; submitting waits for every member to accept; both ask first, saying what follows. */
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
        {canWithdraw ? (
          <Button variant="quiet" onClick={() => setConfirmingWithdraw(true)}>
            Withdraw
          </Button>
        ) : null}
        {canWithdraw && confirmingWithdraw ? (
          <ConfirmDialog
            title={consortium.status === 'submitted' ? 'Withdraw this bid?' : 'Withdraw this consortium?'}
            confirmLabel={`Yes, withdraw this ${consortium.status === 'submitted' ? 'bid' : 'consortium'}`}
            busy={busy === 'withdraw'}
            onConfirm={() => void run('withdraw')}
            onCancel={() => setConfirmingWithdraw(false)}
          >
            <WithdrawWords consortium={consortium} lotTitle={lot?.title} when={when} />
          </ConfirmDialog>
        ) : null}
      </div>
    </div>
  );
}

/** What withdrawing does, in plain words: who is told, what is freed, and that it is final. */
function WithdrawWords({
  consortium,
  lotTitle,
  when,
}: {
  consortium: Consortium;
  lotTitle: string | undefined;
  when: string;
}) {
  const what = lotTitle ? `“${lotTitle}”` : 'this lot';
  const others = consortium.members.filter((m) => m.smeId !== consortium.lead).map((m) => m.name);
  if (consortium.status === 'submitted')
    return (
      <p>
        Take back the bid of {money(consortium.cost)} for {what}. The housing provider and{' '}
        {others.length > 0 ? others.join(', ') : 'the members'} are told, and every member’s booked capacity{when} is
        freed. This cannot be undone.
      </p>
    );
  return (
    <p>
      End this consortium for {what}.{' '}
      {others.length > 0 ? `The invitations to ${others.join(', ')} lapse and they are told. ` : ''}Nothing was booked.
      This cannot be undone.
    </p>
  );
}
