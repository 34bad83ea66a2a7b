import type { Sme, SmeInput } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { useDraftForm } from '../../forms/use-draft-form.ts';
import { Button } from '../../ui/Button.tsx';
import { CheckboxField, NumberField, SelectField, TextField } from '../../ui/fields.tsx';
import { PlaceFields } from '../../forms/PlaceFields.tsx';
import { Card, FieldRow } from '../../ui/layout.tsx';
import { Notice } from '../../ui/feedback.tsx';
import { PROFILE_SOCIAL_VALUE_HINTS, ownershipOptions } from '../../ui/vocabulary.ts';
import { smeDraftErrors, smeInputOf, type SmeDraft } from './sme-draft.ts';
import { CapabilityRows } from './CapabilityRows.tsx';
import { CertificationRows } from './CertificationRows.tsx';

interface SmeFormProps {
  smeId: string | null;
  initial: SmeDraft;
  onSaved: (sme: Sme) => void;
}

export function SmeForm({ smeId, initial, onSaved }: SmeFormProps) {
  const saveFirm = useApp((state) => state.saveFirm);
  const { draft, update, busy, message, form, onSubmit } = useDraftForm({
    initial,
    errorsOf: smeDraftErrors,
    save: (current: SmeDraft) => saveFirm(smeId, smeInputOf(current) as SmeInput),
    onSaved,
  });

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Firm profile">
      {message ? <Notice kind="error">{message}</Notice> : null}
      <Card title="Your firm">
        <TextField
          label="Firm name"
          value={draft.name}
          onChange={(name) => update({ name })}
          required
          {...form.field('name')}
        />
        <SelectField
          label="Ownership"
          value={draft.ownership}
          onChange={(ownership) => update({ ownership })}
          options={ownershipOptions}
          placeholder="Choose ownership"
          hint={PROFILE_SOCIAL_VALUE_HINTS.ownership}
          required
          {...form.field('ownership')}
        />
        <PlaceFields
          draft={draft}
          onChange={update}
          field={form.field}
          pointHint="Your base, if the postcode district's centre is too rough for your service radius"
        />
        <FieldRow>
          <NumberField
            label="Service radius"
            unit="km"
            value={draft.serviceRadiusKm}
            onChange={(serviceRadiusKm) => update({ serviceRadiusKm })}
            min={0}
            hint="How far from your base you take work"
            required
            {...form.field('serviceRadiusKm')}
          />
          <NumberField
            label="Employees"
            value={draft.employees}
            onChange={(employees) => update({ employees })}
            step={1}
            min={1}
            required
            {...form.field('employees')}
          />
        </FieldRow>
      </Card>

      <CapabilityRows
        rows={draft.capabilities}
        onChange={(capabilities) => update({ capabilities })}
        field={form.field}
      />
      <CertificationRows
        rows={draft.certifications}
        onChange={(certifications) => update({ certifications })}
        field={form.field}
      />

      <Card title="Social value">
        <p className="card__intro">
          Lepa works out your social value figures from these few answers: proportionate, not another form.
        </p>
        <CheckboxField
          label="We pay at least the Real Living Wage"
          checked={draft.realLivingWage}
          onChange={(realLivingWage) => update({ realLivingWage })}
          hint={PROFILE_SOCIAL_VALUE_HINTS.realLivingWage}
        />
        <CheckboxField
          label="We have signed the Birmingham Business Charter for Social Responsibility"
          checked={draft.charterSignatory}
          onChange={(charterSignatory) => update({ charterSignatory })}
          hint={PROFILE_SOCIAL_VALUE_HINTS.charterSignatory}
        />
        <FieldRow>
          <NumberField
            label="Apprentices"
            value={draft.apprentices}
            onChange={(apprentices) => update({ apprentices })}
            hint={PROFILE_SOCIAL_VALUE_HINTS.apprentices}
            step={1}
            min={0}
            required
            {...form.field('socialValue.apprentices')}
          />
          <NumberField
            label="Share of staff living locally"
            unit="%"
            value={draft.localEmployeesPct}
            onChange={(localEmployeesPct) => update({ localEmployeesPct })}
            hint={PROFILE_SOCIAL_VALUE_HINTS.localEmployeesPct}
            min={0}
            max={100}
            required
            {...form.field('socialValue.localEmployeesPct')}
          />
        </FieldRow>
      </Card>

      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {smeId ? 'Save changes' : 'Register firm'}
        </Button>
      </div>
    </form>
  );
}
