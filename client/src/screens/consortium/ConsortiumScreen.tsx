import { useEffect, useState } from 'react';
import type { ConsortiumChange } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { paths, statementPage } from '../../routing.ts';
import { LinkButton } from '../../ui/Button.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { Badge, Loading, Notice } from '../../ui/feedback.tsx';
import { money } from '../../ui/format.ts';
import { CONSORTIUM_STATUS_TONE } from '../../ui/vocabulary.ts';
import { CostBreakdownChart } from '../board/CostBreakdownChart.tsx';
import { SocialValueBars } from '../board/SocialValueBars.tsx';
import { ConsortiumMembers } from './ConsortiumMembers.tsx';
import { BidActions } from './BidActions.tsx';
import { SwapPanel } from './SwapPanel.tsx';
import { CostChange } from './CostChange.tsx';

/** One consortium: members and invitations (live), cost, and the lead's swap, submit and withdraw. */
export function ConsortiumScreen({ consortiumId }: { consortiumId: string }) {
  const { consortium, error, myFirms, role, loadConsortium, loadMyFirms, loadLot } = useApp((state) => ({
    consortium: state.consortia.byId[consortiumId],
    error: state.consortia.errors[consortiumId],
    myFirms: state.smes.mine,
    role: state.session.user?.role,
    loadConsortium: state.loadConsortium,
    loadMyFirms: state.loadMyFirms,
    loadLot: state.loadLot,
  }));
  const [swapping, setSwapping] = useState<string | null>(null);
  const [lastChange, setLastChange] = useState<ConsortiumChange | null>(null);
  const isLead = !!consortium && myFirms.some((firm) => firm.id === consortium.lead);
  const forming = consortium?.status === 'forming';
  const lotId = consortium?.lotId;

  useEffect(() => {
    void loadConsortium(consortiumId);
  }, [consortiumId, loadConsortium]);
  useEffect(() => {
    if (role === 'sme') void loadMyFirms();
  }, [role, loadMyFirms]);
  // The lead's submit and withdraw dialogs name the lot's window.
  useEffect(() => {
    if (!lotId || !isLead) return;
    void loadLot(lotId);
  }, [lotId, isLead, loadLot]);

  if (!consortium) {
    return (
      <Page title="Consortium">
        {error ? <Notice kind="error">{error}</Notice> : <Loading what="the consortium" />}
      </Page>
    );
  }

  function swapped(change: ConsortiumChange) {
    setSwapping(null);
    setLastChange(change);
  }

  return (
    <Page
      title={`Consortium for ${consortium.lotTitle}`}
      actions={
        <>
          <LinkButton href={paths.board(consortium.lotId)}>Lot board</LinkButton>
          <a className="button button--quiet" href={statementPage(consortium.id)} target="_blank" rel="noopener">
            Social value statement (printable)
          </a>
        </>
      }
    >
      {error ? <Notice kind="error">{error}</Notice> : null}
      <p className="consortium__status" role="status">
        <Badge tone={CONSORTIUM_STATUS_TONE[consortium.status]}>{consortium.status}</Badge>{' '}
        <span className="proposal__cost">{money(consortium.cost)}</span>{' '}
        <span className="meta">
          cost for ranking · {money(consortium.breakdown.work)} paid to {consortium.members.length}{' '}
          {consortium.members.length === 1 ? 'firm' : 'firms'}
        </span>
      </p>
      {lastChange ? (
        <Notice kind="success">
          Members changed. Lepa recomputed the cheapest split:
          <CostChange before={lastChange.previousCost} after={lastChange.cost} change={lastChange.costChange} />
        </Notice>
      ) : null}
      <Card title="Members">
        <ConsortiumMembers
          consortium={consortium}
          swapping={swapping}
          onSwap={isLead && forming ? (smeId) => setSwapping(swapping === smeId ? null : smeId) : null}
        />
        {isLead ? <BidActions consortium={consortium} /> : null}
      </Card>
      {swapping && isLead && forming ? (
        <SwapPanel
          key={swapping}
          consortium={consortium}
          outgoingId={swapping}
          onDone={swapped}
          onCancel={() => setSwapping(null)}
        />
      ) : null}
      <Card title="Cost and social value">
        <div className="proposal__figures">
          <CostBreakdownChart breakdown={consortium.breakdown} cost={consortium.cost} explained />
          <SocialValueBars socialValue={consortium.socialValue} explained />
        </div>
      </Card>
    </Page>
  );
}
