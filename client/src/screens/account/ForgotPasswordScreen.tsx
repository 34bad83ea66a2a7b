import { useState, type FormEvent } from 'react';
import { PasswordResetBody } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { schemaIssues, toFieldErrors } from '../../forms/field-errors.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { paths } from '../../routing.ts';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { Notice } from '../../ui/feedback.tsx';

export function ForgotPasswordScreen() {
  const requestPasswordReset = useApp((state) => state.requestPasswordReset);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const form = useFormErrors(toFieldErrors(schemaIssues(PasswordResetBody, { email: email.trim() })));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (!form.submit()) return;
    setBusy(true);
    const result = await requestPasswordReset(email.trim());
    setBusy(false);
    if (result.ok) setSentTo(email.trim());
    else {
      setMessage(result.message);
      form.setServerErrors(result.fieldErrors);
    }
  }

  return (
    <Page title="Reset your password">
      <Card className="card--narrow">
        {sentTo ? (
          <Notice kind="success">
            If an account uses {sentTo}, we have sent it a link to choose a new password. The link works once, for one
            hour. <a href={paths.signIn()}>Back to sign in</a>
          </Notice>
        ) : (
          <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Reset your password">
            <p>Enter the email address you sign in with. We will mail you a link to choose a new password.</p>
            {message ? <Notice kind="error">{message}</Notice> : null}
            <TextField
              label="Email"
              type="email"
              value={email}
              onChange={setEmail}
              autoComplete="email"
              required
              {...form.field('email')}
            />
            <div className="form__actions">
              <Button type="submit" variant="primary" busy={busy}>
                Send the link
              </Button>
              <a href={paths.signIn()}>Back to sign in</a>
            </div>
          </form>
        )}
      </Card>
    </Page>
  );
}
