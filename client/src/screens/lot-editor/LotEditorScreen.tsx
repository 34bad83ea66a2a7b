import { useEffect } from 'react';
import { useApp } from '../../store/index.ts';
import { navigate, paths } from '../../routing.ts';
import { Page } from '../../ui/layout.tsx';
import { Loading, Notice } from '../../ui/feedback.tsx';
import { emptyLotDraft, lotDraftOf } from './lot-draft.ts';
import { LotForm } from './LotForm.tsx';

/** Posts a new lot (lotId null) or edits an open one; either way the board is where the provider goes next. */
export function LotEditorScreen({ lotId }: { lotId: string | null }) {
  const { lot, error, loadLot } = useApp((state) => ({
    lot: lotId ? state.lots.byId[lotId] : undefined,
    error: lotId ? state.lots.errors[lotId] : undefined,
    loadLot: state.loadLot,
  }));

  useEffect(() => {
    if (lotId) void loadLot(lotId);
  }, [lotId, loadLot]);

  const goToBoard = (saved: { id: string }) => navigate(paths.board(saved.id));

  if (!lotId) {
    return (
      <Page title="Post a lot">
        <LotForm lotId={null} initial={emptyLotDraft()} onSaved={goToBoard} />
      </Page>
    );
  }
  if (!lot) {
    return <Page title="Edit lot">{error ? <Notice kind="error">{error}</Notice> : <Loading what="the lot" />}</Page>;
  }
  if (lot.status !== 'open') {
    return (
      <Page title={`Edit ${lot.title}`}>
        <Notice>This lot is {lot.status} and can no longer be changed.</Notice>
      </Page>
    );
  }
  return (
    <Page title={`Edit ${lot.title}`}>
      <LotForm key={lot.version} lotId={lot.id} initial={lotDraftOf(lot)} onSaved={goToBoard} />
    </Page>
  );
}
