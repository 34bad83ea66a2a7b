import { useState } from 'react';
import type { Consortium } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { paths } from '../../routing.ts';
import { Button } from '../../ui/Button.tsx';
import { Badge } from '../../ui/feedback.tsx';
import { km, money } from '../../ui/format.ts';
import { CONSORTIUM_STATUS_TONE } from '../../ui/vocabulary.ts';
import { meanDistanceKm } from './bid-order.ts';
import { SocialValueSparkbars } from './SocialValueSparkbars.tsx';

interface BidRowProps {
  bid: Consortium;
  /** false once the lot is awarded or closed */
  awardable: boolean;
  onError: (message: string | null) => void;
}

/** One bid in the comparison; awarding takes a second, deliberate press because it cannot be undone. */
export function BidRow({ bid, awardable, onError }: BidRowProps) {
  const awardBid = useApp((state) => state.awardBid);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const lead = bid.members.find((m) => m.smeId === bid.lead)?.name ?? 'Unknown lead';

  async function award() {
    setBusy(true);
    onError(await awardBid(bid.lotId, bid.id));
    setBusy(false);
    setConfirming(false);
  }

  return (
    <tr>
      <th scope="row">
        <a href={paths.consortium(bid.id)}>{lead}</a>
      </th>
      <td className="numeric" data-label="Cost for ranking">
        {money(bid.cost)}
      </td>
      <td className="numeric" data-label="Quoted work (paid)">
        {money(bid.breakdown.work)}
      </td>
      <td className="numeric" data-label="Members">
        {bid.members.length}
      </td>
      <td className="numeric" data-label="Mean distance">
        {km(meanDistanceKm(bid))}
      </td>
      <td data-label="Social value">
        <SocialValueSparkbars socialValue={bid.socialValue} />
      </td>
      <td data-label="Status">
        <Badge tone={CONSORTIUM_STATUS_TONE[bid.status]}>{bid.status}</Badge>
      </td>
      <td>
        {awardable && bid.status === 'submitted' && !confirming ? (
          <Button onClick={() => setConfirming(true)} aria-label={`Award to ${lead}`}>
            Award
          </Button>
        ) : null}
        {awardable && bid.status === 'submitted' && confirming ? (
          <span className="bid-row__confirm">
            <Button variant="primary" busy={busy} onClick={() => void award()}>
              Yes, award to {lead}
            </Button>
            <Button variant="quiet" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </span>
        ) : null}
      </td>
    </tr>
  );
}
