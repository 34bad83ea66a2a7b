import { useEffect, useState } from 'react';
import { useApp } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Card } from '../../ui/layout.tsx';
import { Notice } from '../../ui/feedback.tsx';

/** On a server with the demo data: who to try Lepa as, each one click away. */
export function DemoSignInList() {
  const { demo, loadDemoSignIns, signIn } = useApp((state) => ({
    demo: state.account.demo,
    loadDemoSignIns: state.loadDemoSignIns,
    signIn: state.signIn,
  }));
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!demo) void loadDemoSignIns();
  }, [demo, loadDemoSignIns]);
  if (!demo || demo.people.length === 0) return null;

  async function signInAs(email: string) {
    setBusy(email);
    setMessage(null);
    const result = await signIn({ email, password: demo!.password });
    setBusy(null);
    if (!result.ok) setMessage(result.message);
  }

  return (
    <Card title="Try the demo">
      <p>
        This server holds a demo West Midlands market. Sign in as one of these people to follow a consortium from
        proposal to award; every demo account’s password is <code>{demo.password}</code>.
      </p>
      {message ? <Notice kind="error">{message}</Notice> : null}
      <ul className="demo-people">
        {demo.people.map((person) => (
          <li key={person.email}>
            <p>
              <strong>{person.name}</strong>
              {person.firms.length > 0 ? <> ({person.firms.join(', ')})</> : null} — {person.what}
            </p>
            <Button busy={busy === person.email} onClick={() => void signInAs(person.email)}>
              Sign in as {person.name}
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
