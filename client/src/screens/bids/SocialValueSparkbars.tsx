import { count, percent } from '../../ui/format.ts';
import { socialValueFigures } from '../board/SocialValueBars.tsx';

const WIDTH = 60;
const HEIGHT = 6;

/** A bid's social value shares as small labelled bars that fit a table cell, so bids compare at a glance down the column. */
export function SocialValueSparkbars({ socialValue }: { socialValue: Readonly<Record<string, unknown>> }) {
  const figures = socialValueFigures(socialValue);
  return (
    <ul className="sparkbars">
      {figures
        .filter((figure) => figure.kind !== 'money')
        .map((figure) => (
          <li key={figure.key}>
            <span>{figure.label.replace(/ share$/, '')}</span>
            {figure.kind === 'share' ? (
              <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
                <rect className="sparkbars__track" width={WIDTH} height={HEIGHT} rx={2} />
                <rect
                  className="sparkbars__fill"
                  width={(WIDTH * Math.min(100, Math.max(0, figure.value))) / 100}
                  height={HEIGHT}
                  rx={2}
                />
              </svg>
            ) : (
              <span aria-hidden="true" />
            )}
            <span className="sparkbars__value">
              {figure.kind === 'share' ? percent(figure.value) : count(figure.value)}
            </span>
          </li>
        ))}
    </ul>
  );
}
