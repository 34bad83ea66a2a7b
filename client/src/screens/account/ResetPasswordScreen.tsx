import { useState, type FormEvent } from 'react';
import { useApp } from '../../store/index.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { paths } from '../../routing.ts';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { Notice } from '../../ui/feedback.tsx';

const MIN_LENGTH = 10;

/** Opened from the link in a reset mail (`#/reset?token=…`). */
export function ResetPasswordScreen({ token }: { token: string }) {
  const confirmPasswordReset = useApp((state) => state.confirmPasswordReset);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const errors: Record<string, string> = {};
  if (password.length < MIN_LENGTH) errors.password = `Use at least ${MIN_LENGTH} characters`;
  if (repeat !== password) errors.repeat = 'Type the same password again';
  const form = useFormErrors(errors);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (!form.submit()) return;
    setBusy(true);
    const result = await confirmPasswordReset(token, password);
    setBusy(false);
    if (result.ok) setDone(true);
    else
      setMessage(result.fieldErrors.token ? 'This reset link has expired or has already been used.' : result.message);
  }

  return (
    <Page title="Choose a new password">
      <Card className="card--narrow">
        {done ? (
          <Notice kind="success">
            Your password is changed and you are signed out everywhere. <a href={paths.signIn()}>Sign in</a> with the
            new password.
          </Notice>
        ) : !token ? (
          <Notice kind="error">
            This link is incomplete. <a href={paths.forgotPassword()}>Ask for a new link</a>.
          </Notice>
        ) : (
          <form
            className="form"
            onSubmit={(event) => void onSubmit(event)}
            noValidate
            aria-label="Choose a new password"
          >
            {message ? (
              <Notice kind="error">
                {message} <a href={paths.forgotPassword()}>Ask for a new link</a>.
              </Notice>
            ) : null}
            <TextField
              label="New password"
              type="password"
              value={password}
              onChange={setPassword}
              autoComplete="new-password"
              hint="At least 10 characters. Choosing it signs you out on every device."
              required
              {...form.field('password')}
            />
            <TextField
              label="The new password again"
              type="password"
              value={repeat}
              onChange={setRepeat}
              autoComplete="new-password"
              required
              {...form.field('repeat')}
            />
            <div className="form__actions">
              <Button type="submit" variant="primary" busy={busy}>
                Set the new password
              </Button>
            </div>
          </form>
        )}
      </Card>
    </Page>
  );
}
