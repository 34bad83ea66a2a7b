import { Button } from '../../ui/Button.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Card, FieldRow } from '../../ui/layout.tsx';
import { EmptyState } from '../../ui/feedback.tsx';
import { schemeOptions } from '../../ui/vocabulary.ts';
import type { FieldProps } from '../../forms/use-form-errors.ts';
import { emptyCertification, type CertificationDraft } from './sme-draft.ts';
import { certificateNotices } from '@lepa/shared';

interface CertificationRowsProps {
  rows: CertificationDraft[];
  onChange: (rows: CertificationDraft[]) => void;
  field: (path: string) => FieldProps;
}

/** Certifications count only until they expire, so the expiry date is asked for every one. */
export function CertificationRows({ rows, onChange, field }: CertificationRowsProps) {
  const notices = certificateNotices(
    rows.map((row) => ({ scheme: row.scheme || 'this certificate', expires: row.expires })),
    new Date().toISOString().slice(0, 10),
  );
  // A row without a date yet has nothing to warn about.
  const noticeOf = (index: number) =>
    rows[index]?.expires ? notices.find((notice) => notice.index === index) : undefined;
  const patch = (key: number, change: Partial<CertificationDraft>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <Card
      title="Certifications"
      actions={<Button onClick={() => onChange([...rows, emptyCertification()])}>Add a certification</Button>}
    >
      {rows.length === 0 ? (
        <EmptyState title="No certifications yet">
          <p>
            Most retrofit skills need one: PAS 2035 for coordinators, PAS 2030 for insulation, MCS for heat pumps and
            solar.
          </p>
        </EmptyState>
      ) : null}
      {rows.map((row, index) => (
        <fieldset key={row.key} className="row-group">
          <legend>Certification {index + 1}</legend>
          <FieldRow>
            <SelectField
              label="Scheme"
              value={row.scheme}
              onChange={(scheme) => patch(row.key, { scheme })}
              options={schemeOptions}
              placeholder="Choose a scheme"
              required
              {...field(`certifications.${index}.scheme`)}
            />
            <TextField
              label="Reference"
              value={row.reference}
              onChange={(reference) => patch(row.key, { reference })}
              {...field(`certifications.${index}.reference`)}
            />
            <TextField
              label="Expires"
              type="date"
              value={row.expires}
              onChange={(expires) => patch(row.key, { expires })}
              required
              {...field(`certifications.${index}.expires`)}
            />
          </FieldRow>
          {noticeOf(index) ? (
            <p className={`cert-notice cert-notice--${noticeOf(index)!.kind}`} role="note">
              {noticeOf(index)!.kind === 'expired' ? 'Expired: ' : 'Expiring soon: '}
              {noticeOf(index)!.message.replace(/^expired: /, '')}
            </p>
          ) : null}
          <Button
            variant="quiet"
            onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
            aria-label={`Remove certification ${index + 1}`}
          >
            Remove
          </Button>
        </fieldset>
      ))}
    </Card>
  );
}
