import { useState } from 'react';
import type { Proposal } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { navigate, paths } from '../../routing.ts';
import { Button } from '../../ui/Button.tsx';
import { Notice } from '../../ui/feedback.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { CANNOT_LEAD, offersCoordination } from '../../ui/leading.ts';

/**
 * "Form consortium" under a proposal, for an SME account with a
 * retrofit-coordinator firm among the proposal's members: that firm leads
 * (the account picks which, when it owns several).
 */
export function FormConsortium({ lotId, proposal }: { lotId: string; proposal: Proposal }) {
  const { myFirms, formConsortium } = useApp((state) => ({
    myFirms: state.smes.mine,
    formConsortium: state.formConsortium,
  }));
  const members = new Set(proposal.members.map((m) => m.smeId));
  const mineHere = myFirms.filter((firm) => members.has(firm.id));
  const leads = mineHere.filter(offersCoordination);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  if (leads.length === 0)
    return mineHere.length > 0 ? (
      <p className="meta cannot-lead">
        {mineHere.map((firm) => firm.name).join(', ')} cannot form this consortium. {CANNOT_LEAD}
      </p>
    ) : null;
  const lead = leads.find((firm) => firm.id === chosen) ?? leads.find((firm) => firm.id === proposal.lead) ?? leads[0]!;

  async function form() {
    setBusy(true);
    const result = await formConsortium(lotId, proposal.rank, lead.id);
    setBusy(false);
    setConfirming(false);
    if (result.ok) navigate(paths.consortium(result.value.id));
    else setError(result.message);
  }

  return (
    <div className="form-consortium">
      {leads.length > 1 ? (
        <SelectField
          label={`Lead firm for rank ${proposal.rank}`}
          value={lead.id}
          onChange={setChosen}
          options={leads.map((firm) => ({ value: firm.id, label: firm.name }))}
        />
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <Button
        variant="primary"
        busy={busy}
        onClick={() => setConfirming(true)}
        aria-label={`Form consortium from rank ${proposal.rank}`}
      >
        Form consortium
      </Button>
      {confirming ? (
        <ConfirmDialog
          title={`Form a consortium from rank ${proposal.rank}?`}
          confirmLabel="Form consortium and invite"
          busy={busy}
          onConfirm={() => void form()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {lead.name} leads. Lepa invites{' '}
            {proposal.members
              .filter((m) => m.smeId !== lead.id)
              .map((m) => m.name)
              .join(', ') || 'no other firm'}{' '}
            by mail and in their inbox.
          </p>
          <p>Nothing is booked yet: capacity is booked only when you submit the bid, after every member accepts.</p>
        </ConfirmDialog>
      ) : null}
      <p className="meta">
        {lead.name} leads; the other members are invited and the bid can be submitted once all have accepted.
      </p>
    </div>
  );
}
