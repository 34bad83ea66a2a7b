import { useEffect } from 'react';
import { postcodePlaceWords } from '@lepa/shared';
import { useApp } from '../store/index.ts';
import { postcodeKey, type PostcodeAnswer } from '../store/geo.ts';
import { CheckboxField, NumberField, TextField } from '../ui/fields.tsx';
import { FieldRow } from '../ui/layout.tsx';
import type { FieldProps } from './use-form-errors.ts';
import type { PlaceDraft } from './place-draft.ts';

/** Long enough that a lookup waits for a pause in typing, short enough to feel immediate. */
const LOOKUP_DELAY_MS = 250;

function answerWords(answer: PostcodeAnswer | undefined, typed: string): string {
  if (typed.trim() === '') return '';
  switch (answer?.status) {
    case 'found':
      return postcodePlaceWords(answer.place);
    case 'unknown':
      return 'No UK postcode district like this is known: check it';
    case 'malformed':
      return 'Not a full UK postcode yet (like B23 6TN)';
    case 'loading':
      return 'Looking it up…';
    default:
      return '';
  }
}

/**
 * A postcode, with the district it places you in said as you type
 * ("B23 — Erdington area, Birmingham"), and an exact point for those who want one.
 */
export function PlaceFields({
  draft,
  onChange,
  field,
  pointHint,
}: {
  draft: PlaceDraft;
  onChange: (change: Partial<PlaceDraft>) => void;
  field: (path: string) => FieldProps;
  pointHint: string;
}) {
  const key = postcodeKey(draft.postcode);
  const { answer, lookupPostcode } = useApp((state) => ({
    answer: state.postcodes[key],
    lookupPostcode: state.lookupPostcode,
  }));
  useEffect(() => {
    if (key === '') return;
    const timer = setTimeout(() => void lookupPostcode(key), LOOKUP_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key, lookupPostcode]);
  const words = answerWords(answer, draft.postcode);

  return (
    <>
      <TextField
        label="Postcode"
        value={draft.postcode}
        onChange={(postcode) => onChange({ postcode })}
        autoComplete="postal-code"
        hint="Places you at the centre of its postcode district, good to a few km"
        {...field('postcode')}
      />
      <p className="place__found" role="status" aria-live="polite">
        {words}
      </p>
      <CheckboxField
        label="Set an exact point"
        checked={draft.exactPoint}
        onChange={(exactPoint) => onChange({ exactPoint })}
        hint={pointHint}
      />
      {draft.exactPoint ? (
        <FieldRow>
          <NumberField
            label="Latitude"
            value={draft.lat}
            onChange={(lat) => onChange({ lat })}
            min={-90}
            max={90}
            hint="e.g. 52.4862"
            required
            {...field('location.lat')}
          />
          <NumberField
            label="Longitude"
            value={draft.lon}
            onChange={(lon) => onChange({ lon })}
            min={-180}
            max={180}
            hint="e.g. -1.8904"
            required
            {...field('location.lon')}
          />
        </FieldRow>
      ) : null}
    </>
  );
}
