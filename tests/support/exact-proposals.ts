import { expect } from 'vitest';
import type { App } from '@lepa/server';
import type { Lot, ProposalsAnswer } from '@lepa/shared';
import type { EngineInput } from '@lepa/engine';
import { solve } from '@lepa/engine';
import { bruteForceTopK } from '@lepa/engine/testing';
import { loadEngineInput } from '../../server/src/matching/engine-input.ts';
import { call } from './http.ts';
import type { Account } from './fixtures.ts';

/**
 * The lot's served proposals are a from-scratch solve of what is stored now,
 * and the brute force's, in the same order and to the penny. Answers the
 * served answer and the engine input it was checked against.
 */
export async function expectExactProposals(
  app: App,
  viewer: Account,
  lotId: string,
  k = 5,
): Promise<{ answer: ProposalsAnswer; input: EngineInput }> {
  const lot = (await call(app, 'GET', `/api/lots/${lotId}`, { as: viewer })).body as Lot;
  const reply = await call(app, 'GET', `/api/lots/${lotId}/proposals`, { as: viewer });
  expect(reply.status, reply.text).toBe(200);
  const answer = reply.body as ProposalsAnswer;
  const input = await loadEngineInput(app.database.db, lot);
  expect(answer.proposals).toEqual(solve(input, { k }).proposals);
  const expected = bruteForceTopK(input, k);
  expect(answer.proposals.map((p) => p.members.map((m) => m.smeId).sort())).toEqual(expected.map((set) => set.members));
  expect(answer.proposals.map((p) => Math.round(p.cost * 100))).toEqual(expected.map((set) => set.cents));
  return { answer, input };
}
