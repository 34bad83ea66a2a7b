import type { Term } from '@lepa/shared';

/**
 * What a block of figures means, one line per figure. Folded where the same
 * figures repeat down a page (every proposal on a board), open where they
 * appear once.
 */
export function FigureTerms({ terms, open }: { terms: readonly Term[]; open: boolean }) {
  const explained = terms.filter((term) => term.explanation !== '');
  if (explained.length === 0) return null;
  return (
    <details className="figure-terms" open={open || undefined}>
      <summary>What these figures mean</summary>
      <dl>
        {explained.map((term) => (
          <div key={term.label}>
            <dt>{term.label}</dt>
            <dd>{term.explanation}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
