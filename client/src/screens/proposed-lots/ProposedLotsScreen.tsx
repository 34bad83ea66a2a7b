import { useEffect, useMemo } from 'react';
import { useApp } from '../../store/index.ts';
import { proposedEntries, type ProposedEntry } from '../../store/proposed.ts';
import { liveSocket } from '../../live/socket.ts';
import { paths } from '../../routing.ts';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { day } from '../../ui/format.ts';
import { CANNOT_LEAD, offersCoordination } from '../../ui/leading.ts';
import { ProposedEntryRow } from './ProposedEntryRow.tsx';

/** Lots watched live at most: the server caps a connection's subscriptions, and other screens share it. */
const WATCHED_LOTS = 100;

/** Open lots where at least one of my firms appears in a proposal, kept live as their boards change. */
export function ProposedLotsScreen() {
  const { lots, latestLots, boards, firms, status, error, loadProposedLots } = useApp((state) => ({
    lots: state.proposed.lots,
    latestLots: state.lots.byId,
    boards: state.boards,
    firms: state.smes.mine,
    status: state.proposed.status,
    error: state.proposed.error,
    loadProposedLots: state.loadProposedLots,
  }));
  const items = useMemo(
    // A lot closed or awarded since the list loaded (the live board says so) drops out.
    () =>
      proposedEntries(
        lots.filter((lot) => (latestLots[lot.id] ?? lot).status === 'open'),
        boards,
        firms,
      ),
    [lots, latestLots, boards, firms],
  );
  const firmCount = firms.length;
  const canLead = firms.some(offersCoordination);
  const watchKey = lots
    .slice(0, WATCHED_LOTS)
    .map((lot) => lot.id)
    .join(',');

  useEffect(() => {
    void loadProposedLots();
  }, [loadProposedLots]);

  useEffect(() => {
    // Every reachable lot, not only those listed now: a firm can join a proposal on any of them.
    const unwatch = watchKey === '' ? [] : watchKey.split(',').map((lotId) => liveSocket.watch(lotId));
    return () => unwatch.forEach((stop) => stop());
  }, [watchKey]);

  const byLot = groupByLot(items);
  return (
    <Page
      title="Lots I am proposed for"
      actions={
        <Button onClick={() => void loadProposedLots()} busy={status === 'loading'}>
          Refresh
        </Button>
      }
    >
      {status === 'error' ? <Notice kind="error">{error}</Notice> : null}
      {items.length > 0 && !canLead ? (
        <p className="meta cannot-lead">You can join these consortia when a lead invites you. {CANNOT_LEAD}</p>
      ) : null}
      {status === 'loading' && items.length === 0 ? <Loading what="open lots and their proposals" /> : null}
      {status === 'ready' && firmCount === 0 ? (
        <EmptyState title="Register a firm first">
          <p>
            Lepa proposes firms, not accounts. <a href={paths.firm(null)}>Register your firm</a> to be matched to lots.
          </p>
        </EmptyState>
      ) : null}
      {status === 'ready' && firmCount > 0 && items.length === 0 ? (
        <EmptyState title="No proposals include your firms yet">
          <p>
            New lots are posted all the time. Adding skills, capacity or a wider service radius makes your firm easier
            to match.
          </p>
        </EmptyState>
      ) : null}
      <div className="card-list">
        {byLot.map(([lotId, entries]) => {
          const lot = entries[0]!.lot;
          return (
            <Card
              key={lotId}
              title={lot.title}
              actions={
                <LinkButton href={paths.board(lotId)} variant="primary">
                  Live board
                </LinkButton>
              }
            >
              <p className="meta">
                {lot.postcode ?? 'No postcode'} · {lot.homes} homes · {day(lot.startDate)} to {day(lot.endDate)}
              </p>
              <ul className="plain-list">
                {entries.map((entry) => (
                  <ProposedEntryRow key={`${entry.rank}-${entry.firm.smeId}`} entry={entry} />
                ))}
              </ul>
            </Card>
          );
        })}
      </div>
    </Page>
  );
}

function groupByLot(items: readonly ProposedEntry[]): [string, ProposedEntry[]][] {
  const groups = new Map<string, ProposedEntry[]>();
  for (const item of items) groups.set(item.lot.id, [...(groups.get(item.lot.id) ?? []), item]);
  return [...groups];
}
