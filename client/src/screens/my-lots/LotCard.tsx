import { useState } from 'react';
import type { Lot } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { paths } from '../../routing.ts';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { Card } from '../../ui/layout.tsx';
import { Badge, Notice } from '../../ui/feedback.tsx';
import { day } from '../../ui/format.ts';
import { skillLabel } from '../../ui/vocabulary.ts';

const STATUS_TONE = { open: 'good', closed: 'neutral', awarded: 'accent' } as const;

export function LotCard({ lot }: { lot: Lot }) {
  const closeLot = useApp((state) => state.closeLot);
  // Closing cannot be undone, so it takes a second, deliberate press.
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function close() {
    setBusy(true);
    setError(await closeLot(lot.id));
    setBusy(false);
    setConfirming(false);
  }

  return (
    <Card
      title={lot.title}
      actions={
        <>
          <Badge tone={STATUS_TONE[lot.status]}>{lot.status}</Badge>
          <LinkButton href={paths.board(lot.id)} variant="primary">
            Live board
          </LinkButton>
          <LinkButton href={paths.bids(lot.id)}>Bids</LinkButton>
        </>
      }
    >
      <p className="meta">
        {lot.postcode ?? 'No postcode'} · {lot.homes} homes · {day(lot.startDate)} to {day(lot.endDate)}
      </p>
      <p className="meta">{lot.requirements.map((r) => `${skillLabel(r.skill)} × ${r.quantity}`).join(', ')}</p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {lot.status === 'open' ? (
        <div className="card__footer">
          <LinkButton href={paths.editLot(lot.id)}>Edit</LinkButton>
          {confirming ? (
            <>
              <Button variant="danger" busy={busy} onClick={() => void close()}>
                Yes, close {lot.title}
              </Button>
              <Button variant="quiet" onClick={() => setConfirming(false)}>
                Keep it open
              </Button>
            </>
          ) : (
            <Button variant="quiet" onClick={() => setConfirming(true)}>
              Close lot
            </Button>
          )}
        </div>
      ) : null}
    </Card>
  );
}
