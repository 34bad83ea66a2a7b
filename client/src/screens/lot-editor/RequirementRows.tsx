import { DEFAULT_CERTIFICATIONS, type Skill } from '@lepa/shared';
import { Button } from '../../ui/Button.tsx';
import { CheckboxGroup, NumberField, SelectField } from '../../ui/fields.tsx';
import { Card, FieldRow } from '../../ui/layout.tsx';
import { schemeLabel, schemeOptions, skillOptions } from '../../ui/vocabulary.ts';
import type { FieldProps } from '../../forms/use-form-errors.ts';
import { emptyRequirement, type RequirementDraft } from './lot-draft.ts';

interface RequirementRowsProps {
  rows: RequirementDraft[];
  onChange: (rows: RequirementDraft[]) => void;
  field: (path: string) => FieldProps;
}

/** What every member supplying the skill must hold anyway, so a provider does not ask for it twice. */
function defaultsOf(skill: string): string {
  const needs = DEFAULT_CERTIFICATIONS[skill as Skill];
  if (!needs) return '';
  if (needs.length === 0) return 'No certification needed by default.';
  return `Always required: ${needs.map((anyOf) => anyOf.map(schemeLabel).join(' or ')).join(', ')}.`;
}

export function RequirementRows({ rows, onChange, field }: RequirementRowsProps) {
  const patch = (key: number, change: Partial<RequirementDraft>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const sectionError = field('requirements').error;
  return (
    <Card
      title="Measures and quantities"
      actions={<Button onClick={() => onChange([...rows, emptyRequirement()])}>Add a requirement</Button>}
    >
      {sectionError ? <p className="field__error">Requirements: {sectionError}</p> : null}
      {rows.map((row, index) => (
        <fieldset key={row.key} className="row-group">
          <legend>Requirement {index + 1}</legend>
          <FieldRow>
            <SelectField
              label="Skill"
              value={row.skill}
              onChange={(skill) => patch(row.key, { skill })}
              options={skillOptions}
              placeholder="Choose a skill"
              hint={defaultsOf(row.skill) || undefined}
              required
              {...field(`requirements.${index}.skill`)}
            />
            <NumberField
              label="Quantity"
              unit="units"
              value={row.quantity}
              onChange={(quantity) => patch(row.key, { quantity })}
              step={1}
              min={1}
              required
              {...field(`requirements.${index}.quantity`)}
            />
          </FieldRow>
          <details className="extra-certifications" open={row.certifications.length > 0 || undefined}>
            <summary>
              Extra certifications{row.certifications.length > 0 ? ` (${row.certifications.length})` : ''}
            </summary>
            <CheckboxGroup
              legend="Members supplying this skill must also hold"
              options={schemeOptions}
              selected={row.certifications}
              onChange={(certifications) => patch(row.key, { certifications })}
              error={field(`requirements.${index}.certifications`).error}
            />
          </details>
          <Button
            variant="quiet"
            onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
            aria-label={`Remove requirement ${index + 1}`}
          >
            Remove
          </Button>
        </fieldset>
      ))}
    </Card>
  );
}
