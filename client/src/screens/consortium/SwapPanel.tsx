import { useEffect, useState } from 'react';
import type { Consortium, ConsortiumChange, Replacement } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import type { FirmSkillProblem } from '../../store/action-result.ts';
import { Button } from '../../ui/Button.tsx';
import { Card } from '../../ui/layout.tsx';
import { EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { count, day, km, money } from '../../ui/format.ts';
import { schemeLabel, skillLabel } from '../../ui/vocabulary.ts';
import { previewOf, swappedMemberIds } from './swap-preview.ts';
import { SwapPreviewFigures } from './SwapPreviewFigures.tsx';
import { ProblemList } from './ProblemList.tsx';

interface SwapPanelProps {
  consortium: Consortium;
  outgoingId: string;
  onDone: (change: ConsortiumChange) => void;
  onCancel: () => void;
}

type Found = { status: 'loading' } | { status: 'ready'; items: Replacement[] } | { status: 'error'; message: string };

/**
 * Replace one member: the server lists only the firms the matching engine would take in its place
 * (skills, valid certificates, reach, free capacity in the window), with the cost after the swap.
 */
export function SwapPanel({ consortium, outgoingId, onDone, onCancel }: SwapPanelProps) {
  const { findReplacements, replaceMembers } = useApp((state) => ({
    findReplacements: state.findReplacements,
    replaceMembers: state.replaceMembers,
  }));
  const outgoing = consortium.members.find((m) => m.smeId === outgoingId);
  // Asked again when the consortium changes: its members and cost decide who fits and at what price.
  const asked = `${consortium.id} ${consortium.updatedAt} ${outgoingId}`;
  const [answer, setAnswer] = useState<{ asked: string; found: Found } | null>(null);
  const found: Found = answer?.asked === asked ? answer.found : { status: 'loading' };
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; problems: FirmSkillProblem[] } | null>(null);

  useEffect(() => {
    let current = true;
    void findReplacements(consortium.id, outgoingId).then((result) => {
      // A late answer to an older question must not replace the newer one.
      if (!current) return;
      setAnswer({
        asked,
        found: result.ok ? { status: 'ready', items: result.value } : { status: 'error', message: result.message },
      });
    });
    return () => {
      current = false;
    };
  }, [asked, consortium.id, outgoingId, findReplacements]);

  if (!outgoing) return null;
  const items = found.status === 'ready' ? found.items : [];
  const incoming = items.find((item) => item.smeId === selected);
  const preview = incoming ? previewOf(consortium, incoming) : null;

  async function confirm() {
    if (!selected) return;
    setBusy(true);
    const result = await replaceMembers(consortium.id, swappedMemberIds(consortium, outgoingId, selected));
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setFailure({ message: result.message, problems: result.problems });
  }

  return (
    <Card title={`Replace ${outgoing.name}`} className="swap">
      <p className="meta">
        {outgoing.name} does {outgoing.assignments.map((a) => `${skillLabel(a.skill)} × ${a.quantity}`).join(', ')}.
        These firms could do this work instead: each offers the skills, holds certificates valid through the lot’s
        window, reaches the lot and has the capacity free.
      </p>
      {found.status === 'loading' ? <Loading what="firms that could take this place" /> : null}
      {found.status === 'error' ? <Notice kind="error">{found.message}</Notice> : null}
      {found.status === 'ready' && items.length === 0 ? (
        <EmptyState title="No other firm could take this place">
          <p>
            No firm within reach offers this work with valid certificates and free capacity in the lot’s window, or the
            other members could not make a consortium with it.
          </p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <fieldset className="choice">
          <legend className="field__label">Replacement firm</legend>
          {items.map((item) => (
            <label key={item.smeId} className="choice__option">
              <input
                type="radio"
                name={`swap-${outgoingId}`}
                value={item.smeId}
                checked={selected === item.smeId}
                onChange={() => setSelected(item.smeId)}
              />
              <span>
                {item.name}
                <span className="choice__hint">
                  {km(item.distanceKm)} from the lot · consortium cost {money(item.cost)}
                </span>
                <span className="choice__hint">
                  {item.offers
                    .map(
                      (offer) =>
                        `${skillLabel(offer.skill)}: ${money(offer.unitPrice)} a unit, ${count(offer.available)} units free`,
                    )
                    .join('; ')}
                </span>
                <span className="choice__hint">
                  {item.certifications.length === 0
                    ? 'No certificates needed'
                    : item.certifications
                        .map((certificate) => `${schemeLabel(certificate.scheme)} until ${day(certificate.expires)}`)
                        .join('; ')}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {preview ? <SwapPreviewFigures preview={preview} before={consortium.cost} /> : null}
      {failure ? (
        <Notice kind="error">
          {failure.message}
          <ProblemList problems={failure.problems} />
        </Notice>
      ) : null}
      <div className="card__footer">
        <Button variant="primary" busy={busy} disabled={!selected} onClick={() => void confirm()}>
          Confirm swap
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </Card>
  );
}
