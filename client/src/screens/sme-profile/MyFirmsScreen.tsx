import { useEffect } from 'react';
import { certificateNotices, type Sme } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { paths } from '../../routing.ts';
import { LinkButton } from '../../ui/Button.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { Badge, EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { day, km } from '../../ui/format.ts';
import { schemeLabel, skillLabel } from '../../ui/vocabulary.ts';

export function MyFirmsScreen() {
  const { firms, status, error, loadMyFirms } = useApp((state) => ({
    firms: state.smes.mine,
    status: state.smes.status,
    error: state.smes.error,
    loadMyFirms: state.loadMyFirms,
  }));

  useEffect(() => {
    void loadMyFirms();
  }, [loadMyFirms]);

  return (
    <Page
      title="My firms"
      actions={
        <LinkButton href={paths.firm(null)} variant="primary">
          Register a firm
        </LinkButton>
      }
    >
      {status === 'error' ? <Notice kind="error">{error}</Notice> : null}
      {status === 'loading' && firms.length === 0 ? <Loading what="your firms" /> : null}
      {status === 'ready' && firms.length === 0 ? (
        <EmptyState title="No firms registered yet">
          <p>
            Register your firm once: where you work, your skills and prices, your certifications. Lepa then proposes you
            for lots.
          </p>
        </EmptyState>
      ) : null}
      <div className="card-list">
        {firms.map((firm) => (
          <Card
            key={firm.id}
            title={firm.name}
            actions={<LinkButton href={paths.firm(firm.id)}>Edit profile</LinkButton>}
          >
            <p className="meta">
              {firm.postcode ?? 'No postcode'}
              {firm.locationSource === 'postcode-district' ? ' (placed at its district centre)' : ''} · works within{' '}
              {km(firm.serviceRadiusKm)} · {firm.employees} staff
            </p>
            <ul className="tags" aria-label="Skills">
              {firm.capabilities.map((capability) => (
                <li key={capability.skill}>
                  <Badge>{skillLabel(capability.skill)}</Badge>
                </li>
              ))}
            </ul>
            {firm.certifications.length > 0 ? (
              <p className="meta">
                Certifications:{' '}
                {firm.certifications.map((c) => `${schemeLabel(c.scheme)} (until ${day(c.expires)})`).join(', ')}
              </p>
            ) : null}
            <CertificateNoticeList certifications={firm.certifications} />
            <p>
              <a href={paths.opportunities(firm.id)}>Lots near {firm.name}</a>
            </p>
          </Card>
        ))}
      </div>
      <p>
        <a href={paths.proposedLots()}>See the lots your firms are proposed for</a>
      </p>
    </Page>
  );
}

/** Expired certificates are kept but flagged; ones expiring within 60 days are warned about. */
function CertificateNoticeList({ certifications }: { certifications: Sme['certifications'] }) {
  const notices = certificateNotices(certifications, new Date().toISOString().slice(0, 10));
  if (notices.length === 0) return null;
  return (
    <ul className="cert-notices" aria-label="Certificate warnings">
      {notices.map((notice) => (
        <li key={notice.index} className={`cert-notice cert-notice--${notice.kind}`}>
          {schemeLabel(notice.scheme)}{' '}
          {notice.kind === 'expired'
            ? `(expired ${day(certifications[notice.index]!.expires)})`
            : `(expires ${day(certifications[notice.index]!.expires)})`}
          : {notice.message}
        </li>
      ))}
    </ul>
  );
}
