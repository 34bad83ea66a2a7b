import { useEffect, useState } from 'react';
import { useApp } from '../../store/index.ts';
import { EMPTY_BOARD } from '../../store/board.ts';
import { liveSocket } from '../../live/socket.ts';
import { paths } from '../../routing.ts';
import { LinkButton } from '../../ui/Button.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { Badge, EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { LotSummary } from './LotSummary.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { ProposalCard } from './ProposalCard.tsx';
import { RegionMap } from '../../ui/map/RegionMap.tsx';
import { mapFirmsOf } from './map-places.ts';
import { UnmetPanel } from './UnmetPanel.tsx';
import { FormConsortium } from './FormConsortium.tsx';
import { ProgrammeRecommendation } from './ProgrammeRecommendation.tsx';
import { ComparisonTable } from './ComparisonTable.tsx';
import { AwardPanel } from './AwardPanel.tsx';
import { RANKING_SUMMARY } from '../ranking/ranking-text.ts';

/** The live proposal board of one lot: open to every signed-in user, editable by the lot's owner. */
export function BoardScreen({ lotId }: { lotId: string }) {
  const { lot, lotError, board, firms, userId, role, loadLot, fetchProposals, loadFirms, loadMyFirms } = useApp(
    (state) => ({
      lot: state.lots.byId[lotId],
      lotError: state.lots.errors[lotId],
      board: state.boards[lotId] ?? EMPTY_BOARD,
      firms: state.smes.byId,
      userId: state.session.user?.id,
      role: state.session.user?.role,
      loadLot: state.loadLot,
      fetchProposals: state.fetchProposals,
      loadFirms: state.loadFirms,
      loadMyFirms: state.loadMyFirms,
    }),
  );
  const [plottedRank, setPlottedRank] = useState(1);
  // null: every proposal's detail is shown; a chosen row narrows the detail to that proposal.
  const [openRank, setOpenRank] = useState<number | null>(null);
  const snapshot = board.snapshot;

  useEffect(() => {
    void loadLot(lotId);
    // HTTP paints the board at once even where websockets are blocked; the socket keeps it current.
    void fetchProposals(lotId);
    return liveSocket.watch(lotId);
  }, [lotId, loadLot, fetchProposals]);

  // An SME may lead a consortium from a proposal that includes one of its coordinator firms.
  useEffect(() => {
    if (role === 'sme') void loadMyFirms();
  }, [role, loadMyFirms]);

  useEffect(() => {
    if (snapshot) void loadFirms(snapshot.proposals.flatMap((p) => p.members.map((m) => m.smeId)));
  }, [snapshot, loadFirms]);

  const plotted = snapshot?.proposals.find((p) => p.rank === plottedRank) ?? snapshot?.proposals[0];

  return (
    <Page
      title={lot ? lot.title : 'Live proposal board'}
      actions={
        <>
          <ConnectionIndicator />
          {lot && lot.ownerId === userId ? <LinkButton href={paths.bids(lot.id)}>Bids</LinkButton> : null}
          {lot && lot.ownerId === userId && lot.status === 'open' ? (
            <LinkButton href={paths.editLot(lot.id)}>Edit lot</LinkButton>
          ) : null}
        </>
      }
    >
      {lotError ? <Notice kind="error">{lotError}</Notice> : null}
      {lot ? <LotSummary lot={lot} /> : null}
      {lot?.status === 'awarded' ? <AwardPanel lotId={lot.id} /> : null}
      {/* A lot that is no longer open has no live proposals; its summary already says so. */}
      {board.error && lot?.status !== 'closed' && lot?.status !== 'awarded' ? (
        <Notice kind="error">{board.error}</Notice>
      ) : null}
      {!snapshot && !board.error ? <Loading what="proposals" /> : null}
      {snapshot ? (
        <>
          <p className="board__status">
            {snapshot.feasible ? <Badge tone="good">Coverable</Badge> : <Badge tone="bad">Not coverable yet</Badge>}{' '}
            {/* The engine ran out of time: these are the best found, not proven the best. */}
            {snapshot.status === 'timedout' ? <Badge tone="warn">Best found so far</Badge> : null}{' '}
            <span role="status">
              {snapshot.proposals.length} {snapshot.proposals.length === 1 ? 'proposal' : 'proposals'}, updated live
            </span>
          </p>
          <ProgrammeRecommendation lotId={lotId} proposals={snapshot.proposals} />
          <p className="board__ranking">
            {RANKING_SUMMARY} <a href={paths.ranking()}>How proposals are ranked</a>
          </p>
          {snapshot.proposals.length > 0 ? (
            <ComparisonTable proposals={snapshot.proposals} open={openRank} onOpen={setOpenRank} />
          ) : null}
          <div className="board">
            <section className="board__proposals" aria-label="Proposals">
              {snapshot.proposals.length === 0 ? (
                <EmptyState title="No consortium can cover this lot yet">
                  <p>Proposals appear here as soon as local firms can cover every requirement.</p>
                </EmptyState>
              ) : (
                snapshot.proposals.map((proposal) => (
                  <div
                    key={proposal.rank}
                    id={`proposal-${proposal.rank}`}
                    hidden={openRank !== null && openRank !== proposal.rank}
                  >
                    <ProposalCard
                      proposal={proposal}
                      plotted={proposal === plotted}
                      onPlot={() => setPlottedRank(proposal.rank)}
                      action={
                        role === 'sme' && lot?.status === 'open' ? (
                          <FormConsortium lotId={lotId} proposal={proposal} />
                        ) : null
                      }
                    />
                  </div>
                ))
              )}
            </section>
            <aside className="board__side" aria-label="Where the members are and what is missing">
              {snapshot.unmet.length > 0 ? <UnmetPanel unmet={snapshot.unmet} /> : null}
              {lot ? (
                <Card title={plotted ? `Map, rank ${plotted.rank}` : 'Map'}>
                  <RegionMap
                    caption={plotted ? `The lot and the members of proposal ${plotted.rank}` : 'The lot'}
                    lots={[
                      {
                        id: lot.id,
                        name: lot.title,
                        location: lot.location,
                        ...(lot.maxDistanceKm ? { radiusKm: lot.maxDistanceKm } : {}),
                      },
                    ]}
                    firms={plotted ? mapFirmsOf(plotted, firms) : []}
                  />
                </Card>
              ) : null}
            </aside>
          </div>
        </>
      ) : null}
    </Page>
  );
}
