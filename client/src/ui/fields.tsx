import { useId, type ReactNode } from 'react';

interface FieldBase {
  label: string;
  error?: string | undefined;
  hint?: string;
  onBlur?: () => void;
  required?: boolean;
}

const VERB = /^(is|must|needs|contains) /;

/** "must be <= 90" reads as "Latitude must be <= 90"; a full sentence from the server stays as it is. */
function sentence(label: string, message: string): string {
  return VERB.test(message) ? `${label} ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
}

interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
  onBlur?: (() => void) | undefined;
  required?: boolean | undefined;
}

/** Label, hint and error around one control, wired for screen readers. */
function Field({
  label,
  error,
  hint,
  onBlur,
  required,
  children,
}: FieldBase & { children: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required ? <span className="field__required"> (required)</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, onBlur, required })}
      {error ? (
        <p className="field__error" id={errorId}>
          {sentence(label, error)}
        </p>
      ) : null}
    </div>
  );
}

interface TextFieldProps extends FieldBase {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'date';
  autoComplete?: string;
  placeholder?: string;
}

export function TextField({ value, onChange, type = 'text', autoComplete, placeholder, ...field }: TextFieldProps) {
  return (
    <Field {...field}>
      {(props) => (
        <input
          {...props}
          className="input"
          type={type}
          value={value}
          autoComplete={autoComplete}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

interface NumberFieldProps extends FieldBase {
  value: string;
  onChange: (value: string) => void;
  /** "any" for decimals such as coordinates; 1 for whole numbers */
  step?: number | 'any';
  min?: number;
  max?: number;
  unit?: string;
}

export function NumberField({ value, onChange, step = 'any', min, max, unit, ...field }: NumberFieldProps) {
  return (
    <Field {...field} label={unit ? `${field.label} (${unit})` : field.label}>
      {(props) => (
        <input
          {...props}
          className="input"
          type="number"
          inputMode={step === 1 ? 'numeric' : 'decimal'}
          step={step}
          min={min}
          max={max}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps extends FieldBase {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** shown while nothing is chosen */
  placeholder?: string;
}

export function SelectField({ value, onChange, options, placeholder, ...field }: SelectFieldProps) {
  return (
    <Field {...field}>
      {(props) => (
        <select {...props} className="input" value={value} onChange={(event) => onChange(event.target.value)}>
          {placeholder !== undefined ? (
            <option value="" disabled>
              {placeholder}
            </option>
          ) : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}

export function CheckboxField({ label, checked, onChange, hint }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface CheckboxGroupProps {
  legend: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  error?: string | undefined;
}

/** Several choices under one legend, e.g. the extra certifications a requirement asks for. */
export function CheckboxGroup({ legend, options, selected, onChange, error }: CheckboxGroupProps) {
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((item) => item !== value));
  return (
    <fieldset className={error ? 'checkbox-group field--invalid' : 'checkbox-group'}>
      <legend className="field__label">{legend}</legend>
      <div className="checkbox-group__options">
        {options.map((option) => (
          <CheckboxField
            key={option.value}
            label={option.label}
            checked={selected.includes(option.value)}
            onChange={(on) => toggle(option.value, on)}
          />
        ))}
      </div>
      {error ? <p className="field__error">{sentence(legend, error)}</p> : null}
    </fieldset>
  );
}
