import { Button } from '../../ui/Button.tsx';
import { NumberField, SelectField } from '../../ui/fields.tsx';
import { Card, FieldRow } from '../../ui/layout.tsx';
import { skillOptions } from '../../ui/vocabulary.ts';
import type { FieldProps } from '../../forms/use-form-errors.ts';
import { emptyCapability, type CapabilityDraft } from './sme-draft.ts';

interface CapabilityRowsProps {
  rows: CapabilityDraft[];
  onChange: (rows: CapabilityDraft[]) => void;
  field: (path: string) => FieldProps;
}

/** The skills a firm offers, one row each, with what it can deliver a month and its price per unit. */
export function CapabilityRows({ rows, onChange, field }: CapabilityRowsProps) {
  const patch = (key: number, change: Partial<CapabilityDraft>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const sectionError = field('capabilities').error;
  return (
    <Card title="Skills" actions={<Button onClick={() => onChange([...rows, emptyCapability()])}>Add a skill</Button>}>
      {sectionError ? <p className="field__error">Skills: {sectionError}</p> : null}
      {rows.map((row, index) => (
        <fieldset key={row.key} className="row-group">
          <legend>Skill {index + 1}</legend>
          <FieldRow>
            <SelectField
              label="Skill"
              value={row.skill}
              onChange={(skill) => patch(row.key, { skill })}
              options={skillOptions}
              placeholder="Choose a skill"
              required
              {...field(`capabilities.${index}.skill`)}
            />
            <NumberField
              label="Capacity per month"
              unit="units"
              value={row.capacityPerMonth}
              onChange={(capacityPerMonth) => patch(row.key, { capacityPerMonth })}
              step={1}
              min={1}
              required
              {...field(`capabilities.${index}.capacityPerMonth`)}
            />
            <NumberField
              label="Unit price"
              unit="£"
              value={row.unitPrice}
              onChange={(unitPrice) => patch(row.key, { unitPrice })}
              min={0}
              required
              {...field(`capabilities.${index}.unitPrice`)}
            />
          </FieldRow>
          <Button
            variant="quiet"
            onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
            aria-label={`Remove skill ${index + 1}`}
          >
            Remove
          </Button>
        </fieldset>
      ))}
    </Card>
  );
}
