import type { Assignment } from '@lepa/shared';
import { money } from './format.ts';
import { skillLabel } from './vocabulary.ts';
import { firmFigures } from './work-figures.ts';

interface WorkFiguresProps {
  assignments: readonly Assignment[];
  /** the coordination cost this member adds, when the screen knows it */
  coordination: number | null;
  /** who is paid: "the firm", or the firm's name */
  payee: string;
  /** one-line explanations under each adjustment; tables leave them to the proposal's breakdown */
  explained?: boolean;
}

/**
 * One member's work: what it quoted and is paid (units × its unit price), then
 * apart and labelled, the adjustments that only decide the ranking.
 */
export function WorkFigures({ assignments, coordination, payee, explained = false }: WorkFiguresProps) {
  const figures = firmFigures(assignments, coordination);
  if (!figures) {
    // An answer stored before assignments carried the quoted price: say what the figure is.
    return (
      <ul className="assignments">
        {assignments.map((a) => (
          <li key={a.skill}>
            {skillLabel(a.skill)}: {a.quantity} units at {money(a.unitCost)} a unit after the ranking adjustments
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="work-figures">
      <ul className="assignments work-figures__quoted">
        {figures.lines.map((line) => (
          <li key={line.skill}>
            {line.label}: <span className="work-figures__sum">{line.text}</span>
          </li>
        ))}
      </ul>
      <p className="work-figures__paid">
        Quoted, paid to {payee}: <strong>{money(figures.paid)}</strong>
      </p>
      <div className="work-figures__ranking">
        <p className="work-figures__heading">For ranking only</p>
        <dl>
          {figures.adjustments.map((line) => (
            <div key={line.key}>
              <dt>{line.label}</dt>
              <dd className="work-figures__amount">{line.text}</dd>
              {explained ? <dd className="work-figures__why">{line.explanation}</dd> : null}
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
