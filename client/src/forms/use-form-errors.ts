import { useMemo, useState } from 'react';
import type { FieldErrors } from './field-errors.ts';

/** What a field control needs from its form: the message to show and the blur that reveals it. */
export interface FieldProps {
  error: string | undefined;
  onBlur: () => void;
}

/**
 * Which errors a form shows: a field's own validation once the field was left
 * or the form submitted (nobody wants red on a form they have not touched yet),
 * and the server's answer until the next submit.
 */
export function useFormErrors(validationErrors: FieldErrors) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const errors = useMemo(() => {
    const shown: Record<string, string> = {};
    for (const [field, message] of Object.entries(validationErrors)) {
      if (submitted || touched.has(field)) shown[field] = message;
    }
    return { ...shown, ...serverErrors };
  }, [validationErrors, serverErrors, submitted, touched]);

  return {
    errors,
    /** Props every field control takes: its error and the blur that reveals it. */
    field: (path: string): FieldProps => ({
      error: errors[path],
      onBlur: () => setTouched((previous) => (previous.has(path) ? previous : new Set(previous).add(path))),
    }),
    /** Marks the form submitted; true when the client-side checks pass and the request may go. */
    submit: (): boolean => {
      setSubmitted(true);
      setServerErrors({});
      return Object.keys(validationErrors).length === 0;
    },
    setServerErrors,
  };
}
