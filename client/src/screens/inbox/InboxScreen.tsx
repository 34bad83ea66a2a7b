import { useEffect } from 'react';
import type { Invitation } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { paths } from '../../routing.ts';
import { Button } from '../../ui/Button.tsx';
import { Page } from '../../ui/layout.tsx';
import { EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { InvitationCard } from './InvitationCard.tsx';

/** Waiting for an answer first, then the most recent. */
const byUrgency = (a: Invitation, b: Invitation) =>
  Number(b.invitation === 'pending') - Number(a.invitation === 'pending') || a.startDate.localeCompare(b.startDate);

/** My firms' consortium invitations; new ones arrive live. */
export function InboxScreen() {
  const { items, status, error, loadInbox } = useApp((state) => ({
    items: state.inbox.items,
    status: state.inbox.status,
    error: state.inbox.error,
    loadInbox: state.loadInbox,
  }));

  useEffect(() => {
    void loadInbox();
  }, [loadInbox]);

  return (
    <Page
      title="Inbox"
      actions={
        <Button onClick={() => void loadInbox()} busy={status === 'loading'}>
          Refresh
        </Button>
      }
    >
      {status === 'error' ? <Notice kind="error">{error}</Notice> : null}
      {status === 'loading' && items.length === 0 ? <Loading what="your invitations" /> : null}
      {status === 'ready' && items.length === 0 ? (
        <EmptyState title="No invitations yet">
          <p>
            When a lead contractor forms a consortium with one of your firms, the invitation appears here at once. See
            the <a href={paths.proposedLots()}>lots you are proposed for</a>.
          </p>
        </EmptyState>
      ) : null}
      <div className="card-list">
        {[...items].sort(byUrgency).map((invitation) => (
          <InvitationCard key={`${invitation.consortiumId}-${invitation.smeId}`} invitation={invitation} />
        ))}
      </div>
    </Page>
  );
}
