import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../../store/index.ts';
import { navigate, paths } from '../../routing.ts';
import { Button } from '../../ui/Button.tsx';
import { CheckboxField, TextField } from '../../ui/fields.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { count, day } from '../../ui/format.ts';

/** A provider's programmes, and a form grouping open lots into a new one. */
export function ProgrammesScreen() {
  const { programmes, status, error, mine, byId, loadProgrammes, loadMyLots, createProgramme } = useApp((state) => ({
    programmes: state.programmes.list,
    status: state.programmes.status,
    error: state.programmes.error,
    mine: state.lots.mine,
    byId: state.lots.byId,
    loadProgrammes: state.loadProgrammes,
    loadMyLots: state.loadMyLots,
    createProgramme: state.createProgramme,
  }));
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadProgrammes();
    void loadMyLots();
  }, [loadProgrammes, loadMyLots]);

  const openLots = mine.flatMap((id) => (byId[id]?.status === 'open' ? [byId[id]] : []));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || chosen.length === 0) {
      setMessage('Give the programme a name and choose at least one lot.');
      return;
    }
    setBusy(true);
    const result = await createProgramme({ name: name.trim(), lotIds: chosen });
    setBusy(false);
    if (result.ok) navigate(paths.programme(result.value.id));
    else setMessage(result.message);
  }

  return (
    <Page title="Programmes">
      <p>
        A programme groups lots so their work is shared out together: as many local small firms as possible get work, at
        nearly the cheapest cost, and no firm is booked beyond what it can do.
      </p>
      {status === 'error' ? <Notice kind="error">{error}</Notice> : null}
      {status === 'loading' && programmes.length === 0 ? <Loading what="your programmes" /> : null}
      {status === 'ready' && programmes.length === 0 ? (
        <EmptyState title="No programmes yet">
          <p>Choose some of your open lots below to make one.</p>
        </EmptyState>
      ) : null}
      <ul className="card-list">
        {programmes.map((programme) => (
          <li key={programme.id} className="card">
            <a href={paths.programme(programme.id)}>{programme.name}</a> — {count(programme.lotIds.length)}{' '}
            {programme.lotIds.length === 1 ? 'lot' : 'lots'}
          </li>
        ))}
      </ul>
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="New programme">
        <Card title="Make a programme">
          {message ? <Notice kind="error">{message}</Notice> : null}
          <TextField label="Programme name" value={name} onChange={setName} required />
          <fieldset className="checkbox-group">
            <legend className="field__label">Open lots to include</legend>
            {openLots.length === 0 ? <p>You have no open lots.</p> : null}
            <div className="checkbox-group__options">
              {openLots.map((lot) => (
                <CheckboxField
                  key={lot.id}
                  label={`${lot.title} (${day(lot.startDate)} to ${day(lot.endDate)})`}
                  checked={chosen.includes(lot.id)}
                  onChange={(on) => setChosen(on ? [...chosen, lot.id] : chosen.filter((id) => id !== lot.id))}
                />
              ))}
            </div>
          </fieldset>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? 'Making…' : 'Make programme'}
          </Button>
        </Card>
      </form>
    </Page>
  );
}
