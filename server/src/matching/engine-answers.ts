import type { ProposalsAnswer } from '@lepa/shared';
import type { EngineResult } from '@lepa/engine';
import type { StoredAnswer } from './answer-store.ts';
import type { SolveMethod } from './solve-task.ts';

/** What a lot's answer is stored with, whatever the engine made of it. */
export type AnswerBase = Pick<StoredAnswer, 'lotId' | 'revision' | 'changeSeq' | 'lotVersion' | 'k'>;

/** The engine's result as the answer stored for the lot. */
export function proposalsAnswer(base: AnswerBase, method: SolveMethod, result: EngineResult): StoredAnswer {
  return {
    ...base,
    method,
    kind: 'proposals',
    answer: {
      lotId: base.lotId,
      version: base.revision,
      status: result.status,
      feasible: result.feasible,
      proposals: result.proposals,
      unmet: result.unmet,
    },
  };
}

/** A stored answer as the engine's previous result (for the incremental API; its search figures are not kept). */
export function resultOf(answer: ProposalsAnswer): EngineResult {
  return {
    status: answer.status,
    feasible: answer.feasible,
    proposals: answer.proposals as EngineResult['proposals'],
    unmet: answer.unmet as EngineResult['unmet'],
    stats: { firms: 0, candidates: 0, searched: 0, nodes: 0, elapsedMs: 0 },
  };
}

/** Whether a member of a shown proposal is among the changed firms. */
export function shownChanged(previous: EngineResult, changes: readonly { firmId: string }[]): boolean {
  const changed = new Set(changes.map((change) => change.firmId));
  return previous.proposals.some((proposal) => proposal.members.some((member) => changed.has(member.smeId)));
}
