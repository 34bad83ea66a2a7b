import { useState, type FormEvent } from 'react';
import type { FieldErrors, SaveResult } from './field-errors.ts';
import { useFormErrors } from './use-form-errors.ts';

interface DraftFormOptions<Draft, Saved> {
  initial: Draft;
  /** Inline validation of the draft, from the shared schemas. */
  errorsOf: (draft: Draft) => FieldErrors;
  /** The store action that sends the draft. */
  save: (draft: Draft) => Promise<SaveResult<Saved>>;
  onSaved: (saved: Saved) => void;
}

/**
 * The editing cycle every editor shares: a draft, inline errors, a submit that
 * stops on them, and the server's field errors mapped back onto the form.
 */
export function useDraftForm<Draft, Saved>({ initial, errorsOf, save, onSaved }: DraftFormOptions<Draft, Saved>) {
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const form = useFormErrors(errorsOf(draft));
  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (!form.submit()) {
      setMessage('Some fields need attention.');
      return;
    }
    setBusy(true);
    const result = await save(draft);
    setBusy(false);
    if (result.ok) return onSaved(result.value);
    setMessage(result.message);
    form.setServerErrors(result.fieldErrors);
  }

  return { draft, update, busy, message, form, onSubmit };
}
