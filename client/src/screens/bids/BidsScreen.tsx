import { useEffect, useState } from 'react';
import { useApp } from '../../store/index.ts';
import { EMPTY_BIDS } from '../../store/bids.ts';
import { paths } from '../../routing.ts';
import { LinkButton } from '../../ui/Button.tsx';
import { Page, TableScroll } from '../../ui/layout.tsx';
import { EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { LotSummary } from '../board/LotSummary.tsx';
import { sortByCost, type CostOrder } from './bid-order.ts';
import { BidRow } from './BidRow.tsx';

/** The provider's comparison of a lot's bids, and the award. */
export function BidsScreen({ lotId }: { lotId: string }) {
  const { lot, lotError, lotBids, byId, loadLot, loadBids } = useApp((state) => ({
    lot: state.lots.byId[lotId],
    lotError: state.lots.errors[lotId],
    lotBids: state.bids[lotId] ?? EMPTY_BIDS,
    byId: state.consortia.byId,
    loadLot: state.loadLot,
    loadBids: state.loadBids,
  }));
  const [order, setOrder] = useState<CostOrder>('ascending');
  const [awardError, setAwardError] = useState<string | null>(null);

  useEffect(() => {
    void loadLot(lotId);
    void loadBids(lotId);
  }, [lotId, loadLot, loadBids]);

  const bids = sortByCost(
    lotBids.ids.flatMap((id) => byId[id] ?? []),
    order,
  );
  const awardable = lot?.status === 'open';
  return (
    <Page
      title={lot ? `Bids for ${lot.title}` : 'Bids'}
      actions={<LinkButton href={paths.board(lotId)}>Live board</LinkButton>}
    >
      {lotError ? <Notice kind="error">{lotError}</Notice> : null}
      {lot ? <LotSummary lot={lot} /> : null}
      {lotBids.status === 'error' ? <Notice kind="error">{lotBids.error}</Notice> : null}
      {awardError ? <Notice kind="error">{awardError}</Notice> : null}
      {lotBids.status === 'loading' && bids.length === 0 ? <Loading what="bids" /> : null}
      {lotBids.status === 'ready' && bids.length === 0 ? (
        <EmptyState title="No bids yet">
          <p>Bids appear here once a lead contractor’s consortium has every member’s acceptance and submits.</p>
        </EmptyState>
      ) : null}
      {bids.length > 0 ? (
        <TableScroll label={'Bids on this lot'}>
          <table className="table table--stack">
            <caption className="visually-hidden">Bids on this lot</caption>
            <thead>
              <tr>
                <th scope="col">Lead</th>
                <th scope="col" aria-sort={order} className="numeric">
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => setOrder(order === 'ascending' ? 'descending' : 'ascending')}
                  >
                    Cost for ranking <span aria-hidden="true">{order === 'ascending' ? '▲' : '▼'}</span>
                    <span className="visually-hidden">
                      , sorted {order === 'ascending' ? 'cheapest first' : 'dearest first'}
                    </span>
                  </button>
                </th>
                <th scope="col" className="numeric">
                  Quoted work (paid)
                </th>
                <th scope="col" className="numeric">
                  Members
                </th>
                <th scope="col" className="numeric">
                  Mean distance
                </th>
                <th scope="col">Social value</th>
                <th scope="col">Status</th>
                <th scope="col">Award</th>
              </tr>
            </thead>
            <tbody>
              {bids.map((bid) => (
                <BidRow
                  key={bid.id}
                  bid={bid}
                  awardable={awardable}
                  otherSubmitted={bids.filter((other) => other.id !== bid.id && other.status === 'submitted').length}
                  onError={setAwardError}
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </Page>
  );
}
