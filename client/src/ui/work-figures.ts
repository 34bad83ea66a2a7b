/**
 * A firm's figures as people read them: what it quoted and is paid (unit price
 * × units), and apart from that the adjustments that only decide the ranking.
 * Every screen that shows a member's or a proposal's money goes through here.
 */
import {
  RANKING_ADJUSTMENTS,
  RANKING_ADJUSTMENT_TERMS,
  quotedAmount,
  quotedWorkText,
  toPennies,
  type Assignment,
  type CostBreakdown,
  type RankingAdjustment,
} from '@lepa/shared';
import { money } from './format.ts';
import { skillLabel } from './vocabulary.ts';

export interface QuotedLine {
  skill: string;
  label: string;
  quantity: number;
  unitPrice: number;
  /** unitPrice × quantity, GBP */
  amount: number;
  /** "24 units × £812.50 = £19,500.00" */
  text: string;
}

export interface AdjustmentLine {
  key: RankingAdjustment;
  label: string;
  explanation: string;
  /** GBP, as the scoring model applies it: negative for the discount */
  amount: number;
  /** "−£585.00", "+£96.40" */
  text: string;
}

export interface FirmFigures {
  lines: QuotedLine[];
  /** Σ quoted amounts: what the firm is paid */
  paid: number;
  adjustments: AdjustmentLine[];
}

export interface ProposalFigures {
  /** Σ quoted work of every member: what the firms are paid */
  paid: number;
  adjustments: AdjustmentLine[];
  /** paid plus every adjustment: what the proposals are ranked on */
  cost: number;
}

/** "−£585.00" for money taken off, "+£96.40" for money added. */
export function signedMoney(amount: number): string {
  return `${amount < 0 ? '−' : '+'}${money(Math.abs(amount))}`;
}

function adjustment(key: RankingAdjustment, magnitude: number): AdjustmentLine {
  const term = RANKING_ADJUSTMENT_TERMS[key];
  const amount = term.sign * magnitude;
  return { key, label: term.label, explanation: term.explanation, amount, text: signedMoney(amount) };
}

const sumPennies = (amounts: readonly number[]) => amounts.reduce((sum, amount) => sum + toPennies(amount), 0) / 100;

/**
 * One member's figures from its assignments. `coordination` is the lot's
 * coordination cost per member when the screen knows it. Null for an answer
 * stored before assignments carried the quoted price: the screen then shows
 * the effective unit cost, labelled as such.
 */
export function firmFigures(assignments: readonly Assignment[], coordination: number | null): FirmFigures | null {
  const lines: QuotedLine[] = [];
  let discount = 0;
  let travel = 0;
  for (const assignment of assignments) {
    const { unitPrice, socialValueDiscount, travel: travelAmount } = assignment;
    if (unitPrice === undefined || socialValueDiscount === undefined || travelAmount === undefined) return null;
    lines.push({
      skill: assignment.skill,
      label: skillLabel(assignment.skill),
      quantity: assignment.quantity,
      unitPrice,
      amount: quotedAmount(assignment.quantity, unitPrice),
      text: quotedWorkText(assignment.quantity, unitPrice, money),
    });
    discount += toPennies(socialValueDiscount);
    travel += toPennies(travelAmount);
  }
  const adjustments = [adjustment('socialValueDiscount', discount / 100), adjustment('travel', travel / 100)];
  if (coordination !== null) adjustments.push(adjustment('coordination', coordination));
  return { lines, paid: sumPennies(lines.map((line) => line.amount)), adjustments };
}

/** A proposal's or consortium's figures from the engine's breakdown, which adds up to its cost to the penny. */
export function proposalFigures(breakdown: CostBreakdown): ProposalFigures {
  const adjustments = RANKING_ADJUSTMENTS.map((key) => adjustment(key, breakdown[key]));
  return {
    paid: breakdown.work,
    adjustments,
    cost: sumPennies([breakdown.work, ...adjustments.map((line) => line.amount)]),
  };
}

/** The coordination cost each member adds: the breakdown's coordination shared by the members, to the penny. */
export function coordinationPerMember(breakdown: CostBreakdown, members: number): number {
  return members > 0 ? Math.round(toPennies(breakdown.coordination) / members) / 100 : 0;
}
