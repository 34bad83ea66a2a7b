import type { Lot, LotInput } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { useDraftForm } from '../../forms/use-draft-form.ts';
import { Button } from '../../ui/Button.tsx';
import { NumberField, TextField } from '../../ui/fields.tsx';
import { PlaceFields } from '../../forms/PlaceFields.tsx';
import { Card, FieldRow } from '../../ui/layout.tsx';
import { Notice } from '../../ui/feedback.tsx';
import { lotDraftErrors, lotInputOf, type LotDraft } from './lot-draft.ts';
import { RequirementRows } from './RequirementRows.tsx';
import { DryRunPanel } from './DryRunPanel.tsx';

interface LotFormProps {
  lotId: string | null;
  initial: LotDraft;
  onSaved: (lot: Lot) => void;
}

export function LotForm({ lotId, initial, onSaved }: LotFormProps) {
  const saveLot = useApp((state) => state.saveLot);
  const { draft, update, busy, message, form, onSubmit } = useDraftForm({
    initial,
    // Only a new lot is held to today: an open lot may already have started.
    errorsOf: (current: LotDraft) => lotDraftErrors(current, lotId ? undefined : new Date().toISOString().slice(0, 10)),
    save: (current: LotDraft) => saveLot(lotId, lotInputOf(current) as LotInput),
    onSaved,
  });

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Lot">
      {message ? <Notice kind="error">{message}</Notice> : null}
      <Card title="The lot">
        <TextField
          label="Title"
          value={draft.title}
          onChange={(title) => update({ title })}
          required
          {...form.field('title')}
        />
        <NumberField
          label="Homes"
          value={draft.homes}
          onChange={(homes) => update({ homes })}
          step={1}
          min={1}
          required
          {...form.field('homes')}
        />
        <PlaceFields
          draft={draft}
          onChange={update}
          field={form.field}
          pointHint="The centre of the lot, if the postcode district's centre is too rough"
        />
        <FieldRow>
          <TextField
            label="Work starts"
            type="date"
            value={draft.startDate}
            onChange={(startDate) => update({ startDate })}
            required
            {...form.field('startDate')}
          />
          <TextField
            label="Work ends"
            type="date"
            value={draft.endDate}
            onChange={(endDate) => update({ endDate })}
            required
            {...form.field('endDate')}
          />
        </FieldRow>
      </Card>

      <RequirementRows
        rows={draft.requirements}
        onChange={(requirements) => update({ requirements })}
        field={form.field}
      />

      <DryRunPanel draft={draft} />

      <Card title="Consortium rules and scoring">
        <p className="card__intro">
          The published scoring model uses these; every bidder can check how proposals are ranked.
        </p>
        <FieldRow>
          <NumberField
            label="Most members in a consortium"
            value={draft.maxMembers}
            onChange={(maxMembers) => update({ maxMembers })}
            step={1}
            min={1}
            max={20}
            {...form.field('maxMembers')}
          />
          <NumberField
            label="Furthest member"
            unit="km"
            value={draft.maxDistanceKm}
            onChange={(maxDistanceKm) => update({ maxDistanceKm })}
            min={0}
            hint="Leave blank for no limit beyond each firm's own radius"
            {...form.field('maxDistanceKm')}
          />
        </FieldRow>
        <FieldRow>
          <NumberField
            label="Social value weight"
            value={draft.socialValueWeight}
            onChange={(socialValueWeight) => update({ socialValueWeight })}
            min={0}
            max={10}
            hint="1 gives a firm with every commitment up to 10% off its price"
            {...form.field('socialValueWeight')}
          />
          <NumberField
            label="Travel cost per unit and km"
            unit="£"
            value={draft.travelCostPerUnitKm}
            onChange={(travelCostPerUnitKm) => update({ travelCostPerUnitKm })}
            min={0}
            {...form.field('travelCostPerUnitKm')}
          />
          <NumberField
            label="Coordination cost per member"
            unit="£"
            value={draft.coordinationCostPerMember}
            onChange={(coordinationCostPerMember) => update({ coordinationCostPerMember })}
            min={0}
            {...form.field('coordinationCostPerMember')}
          />
        </FieldRow>
      </Card>

      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {lotId ? 'Save changes' : 'Post lot'}
        </Button>
      </div>
    </form>
  );
}
