import { useEffect } from 'react';
import type { DryRun, LotInput } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { SKILL_LABELS } from '@lepa/shared';
import { count, moneyRounded } from '../../ui/format.ts';
import { lotDraftErrors, lotInputOf, type LotDraft } from './lot-draft.ts';

/** Waits this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 500;

/** The market's depth for the lot as typed, in plain words, refreshed while the provider types. */
export function DryRunPanel({ draft }: { draft: LotDraft }) {
  const { dryRun, dryRunLot } = useApp((state) => ({ dryRun: state.programmes.dryRun, dryRunLot: state.dryRunLot }));
  const complete = Object.keys(lotDraftErrors(draft)).length === 0;
  const body = complete ? JSON.stringify(lotInputOf(draft)) : null;

  useEffect(() => {
    if (!body) return;
    const timer = setTimeout(() => void dryRunLot(JSON.parse(body) as LotInput), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [body, dryRunLot]);

  return (
    <section className="card dry-run" aria-labelledby="dry-run-heading" aria-live="polite" data-testid="dry-run">
      <h2 id="dry-run-heading">Who could do this lot</h2>
      {!complete ? <p>Fill in the lot to see how many local consortia could cover it.</p> : null}
      {complete && dryRun.status === 'loading' && !dryRun.result ? <p>Checking the local market…</p> : null}
      {complete && dryRun.status === 'error' ? <p>{dryRun.error}</p> : null}
      {complete && dryRun.result ? <p data-testid="dry-run-words">{dryRunWords(dryRun.result)}</p> : null}
    </section>
  );
}

export function dryRunWords(result: DryRun): string {
  const parts: string[] = [];
  const many = result.countCapped ? `At least ${count(result.consortiaCount)}` : count(result.consortiaCount);
  if (!result.coverable || result.consortiaCount === 0) parts.push('No local consortium could cover this yet');
  else
    parts.push(
      `${many} local ${result.consortiaCount === 1 ? 'consortium' : 'consortia'} could cover this${
        result.cheapestCost !== null ? `, the cheapest for ${moneyRounded(result.cheapestCost)}` : ''
      }`,
    );
  for (const skill of result.skills.filter((entry) => entry.thin)) {
    parts.push(
      `${SKILL_LABELS[skill.skill].toLowerCase()} is thin: ${skill.eligibleFirms === 0 ? 'no firm' : `${count(skill.eligibleFirms)} ${skill.eligibleFirms === 1 ? 'firm' : 'firms'}`}`,
    );
  }
  const best = [...result.relaxations].sort((a, b) => b.consortiaCount - a.consortiaCount)[0];
  if (best && best.consortiaCount > result.consortiaCount) {
    parts.push(`if you ${best.change}, ${count(best.consortiaCount)} could`);
  }
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
