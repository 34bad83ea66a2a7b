/** The cheapest split for a member set a lead picked by hand. */
import { buildMatchModel } from './eligibility.ts';
import { diagnoseSkills } from './diagnose.ts';
import { describeConsortium } from './explain.ts';
import { plural } from './format.ts';
import { buildProposal } from './proposal.ts';
import { canonicalSplit } from './split.ts';
import type { EngineInput, SplitForMembersResult } from './types.ts';

/**
 * The canonical cheapest split (split.ts) for exactly these members. Fails
 * with `unmet` when the members cannot cover a skill or exceed the member
 * limit, and with `idle` listing the ids the cheapest split gives no work
 * (unknown ids and firms eligible for nothing included): every member of a
 * consortium must do some work, so the lead should drop them.
 */
export function splitForMembers(input: EngineInput, memberIds: readonly string[]): SplitForMembersResult {
  const { lot } = input;
  const wanted = [...new Set(memberIds)];
  if (wanted.length > lot.maxMembers) {
    return {
      ok: false,
      unmet: [
        {
          skill: null,
          required: wanted.length,
          available: lot.maxMembers,
          shortfall: wanted.length - lot.maxMembers,
          reason: 'member-limit',
          message: `${plural(wanted.length, 'member')} chosen; the lot allows ${lot.maxMembers}.`,
          firmsNeeded: wanted.length,
        },
      ],
    };
  }

  const wantedIds = new Set(wanted);
  const chosenInput: EngineInput = { ...input, firms: input.firms.filter((firm) => wantedIds.has(firm.id)) };
  const model = buildMatchModel(chosenInput);
  const candidateIds = new Set(model.firms.map((candidate) => candidate.firm.id));
  const outcome = canonicalSplit(
    model,
    model.firms.map((_, index) => index),
  );
  const unusable = wanted.filter((id) => !candidateIds.has(id));
  if (!outcome.covered) {
    const unmet = diagnoseSkills(chosenInput, model, 'chosen');
    return unusable.length > 0 ? { ok: false, unmet, idle: unusable } : { ok: false, unmet };
  }
  const idle = [...unusable, ...outcome.idle.map((firm) => model.firms[firm]!.firm.id)];
  if (idle.length > 0) return { ok: false, unmet: [], idle };

  const proposal = buildProposal(model, outcome.split, 1);
  proposal.explanation = describeConsortium(model, outcome.split, proposal);
  return { ok: true, proposal };
}
