import { useEffect } from 'react';
import { useApp } from '../../store/index.ts';
import { paths } from '../../routing.ts';
import { Card, Page } from '../../ui/layout.tsx';
import { EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { ConsortiumRow } from './ConsortiumRow.tsx';

/** Consortia my firms lead, and those they are members of. */
export function MyConsortiaScreen() {
  const { leading, memberOf, byId, status, error, loadMyConsortia } = useApp((state) => ({
    leading: state.consortia.leading,
    memberOf: state.consortia.memberOf,
    byId: state.consortia.byId,
    status: state.consortia.listStatus,
    error: state.consortia.listError,
    loadMyConsortia: state.loadMyConsortia,
  }));

  useEffect(() => {
    void loadMyConsortia();
  }, [loadMyConsortia]);

  const lists = [
    {
      title: 'Leading',
      ids: leading,
      empty: 'None of your firms leads a consortium yet. Form one from a proposal on a lot’s live board.',
    },
    { title: 'Member of', ids: memberOf, empty: 'None of your firms has been invited into a consortium yet.' },
  ];
  return (
    <Page title="My consortia">
      {status === 'error' ? <Notice kind="error">{error}</Notice> : null}
      {status === 'loading' && leading.length + memberOf.length === 0 ? <Loading what="your consortia" /> : null}
      {status === 'ready' || leading.length + memberOf.length > 0
        ? lists.map((list) => (
            <Card key={list.title} title={list.title}>
              {list.ids.length === 0 ? (
                <EmptyState title="Nothing here yet">
                  <p>
                    {list.empty} <a href={paths.proposedLots()}>Lots I am proposed for</a>.
                  </p>
                </EmptyState>
              ) : (
                <ul className="plain-list">
                  {list.ids.flatMap((id) => (byId[id] ? [<ConsortiumRow key={id} consortium={byId[id]} />] : []))}
                </ul>
              )}
            </Card>
          ))
        : null}
    </Page>
  );
}
