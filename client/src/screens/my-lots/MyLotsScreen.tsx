import { useEffect } from 'react';
import { useApp } from '../../store/index.ts';
import { paths } from '../../routing.ts';
import { LinkButton } from '../../ui/Button.tsx';
import { Page } from '../../ui/layout.tsx';
import { EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { LotCard } from './LotCard.tsx';

export function MyLotsScreen() {
  // Selectors return stored values only; deriving a fresh array inside one would re-render forever.
  const { mine, byId, status, error, loadMyLots } = useApp((state) => ({
    mine: state.lots.mine,
    byId: state.lots.byId,
    status: state.lots.mineStatus,
    error: state.lots.mineError,
    loadMyLots: state.loadMyLots,
  }));

  const lots = mine.flatMap((id) => byId[id] ?? []);

  useEffect(() => {
    void loadMyLots();
  }, [loadMyLots]);

  return (
    <Page
      title="My lots"
      actions={
        <LinkButton href={paths.newLot()} variant="primary">
          Post a lot
        </LinkButton>
      }
    >
      {status === 'error' ? <Notice kind="error">{error}</Notice> : null}
      {status === 'loading' && lots.length === 0 ? <Loading what="your lots" /> : null}
      {status === 'ready' && lots.length === 0 ? (
        <EmptyState title="No lots posted yet">
          <p>Post a retrofit lot and watch local consortia form around it, live.</p>
        </EmptyState>
      ) : null}
      <div className="card-list">
        {lots.map((lot) => (
          <LotCard key={lot.id} lot={lot} />
        ))}
      </div>
    </Page>
  );
}
