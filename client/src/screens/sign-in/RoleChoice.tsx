import type { Role } from '@lepa/shared';

const CHOICES: readonly { role: Role; label: string; hint: string }[] = [
  { role: 'sme', label: 'A local firm (SME)', hint: 'Register your firm and get proposed for retrofit lots.' },
  { role: 'provider', label: 'A housing provider', hint: 'Post retrofit lots and watch local consortia form.' },
];

/** Radio buttons rather than a select: two choices, each needing a line of explanation. */
export function RoleChoice({
  value,
  onChange,
  error,
  onBlur,
}: {
  value: Role | '';
  onChange: (role: Role) => void;
  error?: string | undefined;
  onBlur?: () => void;
}) {
  return (
    <fieldset
      className={error ? 'choice field--invalid' : 'choice'}
      aria-describedby={error ? 'role-error' : undefined}
    >
      <legend className="field__label">I am registering as (required)</legend>
      {CHOICES.map((choice) => (
        <label key={choice.role} className="choice__option">
          <input
            type="radio"
            name="role"
            value={choice.role}
            checked={value === choice.role}
            onChange={() => onChange(choice.role)}
            onBlur={onBlur}
          />
          <span>
            <strong>{choice.label}</strong>
            <span className="choice__hint">{choice.hint}</span>
          </span>
        </label>
      ))}
      {error ? (
        <p className="field__error" id="role-error">
          Choose whether you are a firm or a housing provider
        </p>
      ) : null}
    </fieldset>
  );
}
