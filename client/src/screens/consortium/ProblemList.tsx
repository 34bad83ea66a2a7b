import type { FirmSkillProblem } from '../../store/action-result.ts';
import { skillLabel } from '../../ui/vocabulary.ts';

/** The firms and skills behind a refused change, one line each. */
export function ProblemList({ problems }: { problems: readonly FirmSkillProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problems">
      {problems.map((problem) => (
        <li key={`${problem.firm ?? ''}-${problem.skill ?? ''}-${problem.message}`}>
          {problem.firm ? <strong>{problem.firm}</strong> : null}
          {problem.firm && problem.skill ? ', ' : null}
          {problem.skill ? <strong>{skillLabel(problem.skill)}</strong> : null}
          {problem.firm || problem.skill ? ': ' : null}
          {problem.message}
        </li>
      ))}
    </ul>
  );
}
