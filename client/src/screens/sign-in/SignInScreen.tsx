import { useState, type FormEvent } from 'react';
import { LoginBody, RegisterBody, type Role } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { schemaIssues, toFieldErrors } from '../../forms/field-errors.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { Notice } from '../../ui/feedback.tsx';
import { RoleChoice } from './RoleChoice.tsx';
import { DemoSignInList } from './DemoSignInList.tsx';
import { paths } from '../../routing.ts';

type Mode = 'sign-in' | 'register';

export function SignInScreen() {
  const [mode, setMode] = useState<Mode>('sign-in');
  return (
    <Page title={mode === 'sign-in' ? 'Sign in to Lepa' : 'Create a Lepa account'}>
      <p className="lead">
        Lepa brings local building firms together into consortia that can win energy-retrofit work, and shows housing
        providers the local consortia forming around their lots, live.
      </p>
      <Card className="card--narrow">
        {/* Remounting on a mode switch starts the other form clean instead of carrying errors across. */}
        <CredentialsForm key={mode} mode={mode} />
        <p className="switch-mode">
          {mode === 'sign-in' ? 'New to Lepa?' : 'Already have an account?'}{' '}
          <Button variant="quiet" onClick={() => setMode(mode === 'sign-in' ? 'register' : 'sign-in')}>
            {mode === 'sign-in' ? 'Create an account' : 'Sign in instead'}
          </Button>
        </p>
        {mode === 'sign-in' ? (
          <p className="switch-mode">
            <a href={paths.forgotPassword()}>Forgot your password?</a>
          </p>
        ) : null}
      </Card>
      <DemoSignInList />
    </Page>
  );
}

function CredentialsForm({ mode }: { mode: Mode }) {
  const { signIn, register } = useApp((state) => ({ signIn: state.signIn, register: state.register }));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const body =
    mode === 'sign-in' ? { email: email.trim(), password } : { email: email.trim(), password, name: name.trim(), role };
  const validation = toFieldErrors(schemaIssues(mode === 'sign-in' ? LoginBody : RegisterBody, body));
  const form = useFormErrors(validation);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (!form.submit()) return;
    setBusy(true);
    const result = mode === 'sign-in' ? await signIn(body as LoginBody) : await register(body as RegisterBody);
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message);
      form.setServerErrors(result.fieldErrors);
    }
  }

  return (
    <form
      className="form"
      onSubmit={onSubmit}
      noValidate
      aria-label={mode === 'sign-in' ? 'Sign in' : 'Create an account'}
    >
      {message ? <Notice kind="error">{message}</Notice> : null}
      {mode === 'register' ? (
        <>
          <TextField
            label="Your name or organisation"
            value={name}
            onChange={setName}
            autoComplete="name"
            required
            {...form.field('name')}
          />
          <RoleChoice value={role} onChange={setRole} {...form.field('role')} />
        </>
      ) : null}
      <TextField
        label="Email"
        type="email"
        value={email}
        onChange={setEmail}
        autoComplete="email"
        required
        {...form.field('email')}
      />
      <TextField
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
        hint={mode === 'register' ? 'At least 10 characters.' : undefined}
        required
        {...form.field('password')}
      />
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {mode === 'sign-in' ? 'Sign in' : 'Create account'}
        </Button>
      </div>
    </form>
  );
}
