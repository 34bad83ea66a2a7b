import type { CSSProperties } from 'react';
import { count, money, percent } from '../../ui/format.ts';
import { socialValueTerm } from '../../ui/vocabulary.ts';
import { FigureTerms } from '../../ui/FigureTerms.tsx';

/** For a share, `value` is a percentage 0..100. */
interface Figure {
  key: string;
  label: string;
  /** one line on what the figure counts; empty for a figure the vocabulary does not know yet */
  explanation: string;
  kind: 'share' | 'money' | 'count';
  value: number;
}

/**
 * Reads whatever figures the server sends: `…Pct` keys are percentages,
 * other `…Share` keys fractions of one, `…Value` keys money, the rest counts
 * (apprentices). New figures then appear without a client release.
 */
export function socialValueFigures(socialValue: Readonly<Record<string, unknown>>): Figure[] {
  return Object.entries(socialValue).flatMap(([key, value]): Figure[] => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return [];
    const term = { key, ...socialValueTerm(key) };
    if (/Pct$|Percent$/.test(key)) return [{ ...term, kind: 'share', value }];
    if (/share/i.test(key)) return [{ ...term, kind: 'share', value: value * 100 }];
    if (/Value$/.test(key)) return [{ ...term, kind: 'money', value }];
    return [{ ...term, kind: 'count', value }];
  });
}

export function SocialValueBars({
  socialValue,
  explained,
}: {
  socialValue: Readonly<Record<string, unknown>>;
  /** whether the one-line explanations start unfolded */
  explained: boolean;
}) {
  const figures = socialValueFigures(socialValue);
  if (figures.length === 0) return null;
  const shares = figures.filter((f) => f.kind === 'share');
  const others = figures.filter((f) => f.kind !== 'share');
  return (
    <div className="social-value">
      <h4>Social value</h4>
      <ul className="social-value__bars">
        {shares.map((figure) => (
          <li key={figure.key}>
            <span className="social-value__label">{figure.label}</span>
            <span className="meter" aria-hidden="true">
              <span
                className="meter__fill"
                style={{ '--pct': `${Math.min(100, Math.max(0, figure.value))}%` } as CSSProperties}
              />
            </span>
            <span className="social-value__value">{percent(figure.value)}</span>
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <dl className="social-value__figures">
          {others.map((figure) => (
            <div key={figure.key}>
              <dt>{figure.label}</dt>
              <dd>{figure.kind === 'money' ? money(figure.value) : count(figure.value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <FigureTerms terms={figures} open={explained} />
    </div>
  );
}
