import { useEffect, useState } from 'react';
import { useApp } from '../../store/index.ts';
import { navigate, paths } from '../../routing.ts';
import { Page } from '../../ui/layout.tsx';
import { EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { emptySmeDraft, smeDraftOf } from './sme-draft.ts';
import { SmeForm } from './SmeForm.tsx';

/** Registers a new firm (smeId null) or edits one of the account's firms. */
export function SmeProfileScreen({ smeId }: { smeId: string | null }) {
  const { firms, status, error, loadMyFirms } = useApp((state) => ({
    firms: state.smes.mine,
    status: state.smes.status,
    error: state.smes.error,
    loadMyFirms: state.loadMyFirms,
  }));
  const [savedAt, setSavedAt] = useState<number | null>(null);

  useEffect(() => {
    if (smeId && status === 'idle') void loadMyFirms();
  }, [smeId, status, loadMyFirms]);

  if (!smeId) {
    return (
      <Page title="Register a firm">
        <SmeForm smeId={null} initial={emptySmeDraft()} onSaved={() => navigate(paths.myFirms())} />
      </Page>
    );
  }

  const firm = firms.find((candidate) => candidate.id === smeId);
  if (!firm) {
    return (
      <Page title="Edit firm">
        {status === 'error' ? (
          <Notice kind="error">{error}</Notice>
        ) : status === 'ready' ? (
          <EmptyState title="This firm is not one of yours">
            <p>
              <a href={paths.myFirms()}>Back to my firms</a>
            </p>
          </EmptyState>
        ) : (
          <Loading what="your firm" />
        )}
      </Page>
    );
  }
  return (
    <Page title={`Edit ${firm.name}`}>
      {savedAt ? <Notice kind="success">Changes saved. Proposals that include this firm update live.</Notice> : null}
      <SmeForm smeId={firm.id} initial={smeDraftOf(firm)} onSaved={() => setSavedAt(Date.now())} />
    </Page>
  );
}
