import { useEffect, useState } from 'react';
import { MAIL_KIND_LABELS, MAIL_KINDS } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { CheckboxField } from '../../ui/fields.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { Loading, Notice } from '../../ui/feedback.tsx';

/** Which mails the account receives; every mail also carries a one-click unsubscribe link. */
export function NotificationsScreen() {
  const { notifications, status, load, setNotification } = useApp((state) => ({
    notifications: state.account.notifications,
    status: state.account.notificationsStatus,
    load: state.loadNotifications,
    setNotification: state.setNotification,
  }));
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Page title="Mail settings">
      <Card>
        <p>Lepa mails you when something needs you. Untick what you do not want; password reset mails always go.</p>
        {message ? <Notice kind="error">{message}</Notice> : null}
        {status === 'error' ? (
          <Notice kind="error">Your mail settings could not be loaded. Try again later.</Notice>
        ) : null}
        {!notifications ? (
          status === 'error' ? null : (
            <Loading what="your mail settings" />
          )
        ) : (
          MAIL_KINDS.map((kind) => (
            <CheckboxField
              key={kind}
              label={MAIL_KIND_LABELS[kind]}
              checked={notifications[kind]}
              onChange={(on) => {
                setMessage(null);
                void setNotification(kind, on).then((result) => {
                  if (!result.ok) setMessage(result.message);
                });
              }}
            />
          ))
        )}
      </Card>
    </Page>
  );
}
