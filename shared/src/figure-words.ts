/**
 * The words every screen, mail and printout uses for money and social value
 * figures, so a firm reads the same sentence wherever its figures appear:
 * what it quoted and is paid, apart from the adjustments that only decide the
 * ranking (see the published scoring model).
 */
import { toPennies } from './scoring.ts';

export interface Term {
  label: string;
  /** one line, in plain words */
  explanation: string;
}

export type RankingAdjustment = 'socialValueDiscount' | 'travel' | 'coordination';

export const QUOTED_WORK_TERM: Term = {
  label: 'Quoted work',
  explanation: 'The firm’s own unit price times the units it does: this is what the firm is paid.',
};

/** In the order the scoring model applies them; `sign` is −1 for what is taken off. */
export const RANKING_ADJUSTMENT_TERMS: Readonly<Record<RankingAdjustment, Term & { sign: 1 | -1 }>> = {
  socialValueDiscount: {
    label: 'Social value discount',
    sign: -1,
    explanation:
      'Taken off for firms that pay the Real Living Wage, are not a subsidiary, signed the Charter or employ apprentices.',
  },
  travel: {
    label: 'Travel',
    sign: 1,
    explanation: 'Added per unit for every kilometre between the firm and the lot, so nearer firms rank higher.',
  },
  coordination: {
    label: 'Coordination',
    sign: 1,
    explanation: 'Added once for every member firm, since each extra firm is more work to coordinate.',
  },
};

export const RANKING_ADJUSTMENTS: readonly RankingAdjustment[] = ['socialValueDiscount', 'travel', 'coordination'];

/** The social value figures of a proposal, a consortium and a firm's profile, by their API keys. */
export const SOCIAL_VALUE_TERMS: Readonly<Record<string, Term>> = {
  contractValue: {
    label: 'Contract value',
    explanation: 'What the members are paid in all: each firm’s quoted unit price times its units.',
  },
  localSharePct: {
    label: 'Local share',
    explanation: 'Share of the contract value paid to members based within 25 km of the lot.',
  },
  microFirmSharePct: {
    label: 'Micro firm share',
    explanation: 'Share of the contract value paid to firms with fewer than 10 staff.',
  },
  smallFirmSharePct: {
    label: 'Small firm share',
    explanation: 'Share of the contract value paid to firms with fewer than 50 staff (micro firms included).',
  },
  realLivingWageSharePct: {
    label: 'Real Living Wage share',
    explanation: 'Share of the contract value paid to firms that pay at least the Real Living Wage.',
  },
  nonSubsidiarySharePct: {
    label: 'Independent ownership share',
    explanation: 'Share of the contract value paid to firms that are not a subsidiary of a larger group.',
  },
  charterSignatorySharePct: {
    label: 'Charter signatory share',
    explanation:
      'Share of the contract value paid to signatories of the Birmingham Business Charter for Social Responsibility.',
  },
  apprentices: {
    label: 'Apprentices',
    explanation: 'Apprentices employed by the member firms.',
  },
  realLivingWage: {
    label: 'Real Living Wage employer',
    explanation: 'Pays every member of staff at least the Real Living Wage.',
  },
  localEmployeesPct: {
    label: 'Local staff',
    explanation: 'Share of the firm’s staff who live locally.',
  },
  charterSignatory: {
    label: 'Charter signatory',
    explanation: 'Has signed the Birmingham Business Charter for Social Responsibility.',
  },
};

/** "24 units × £812.50 = £19,500.00": quantities are whole units, so the product is exact to the penny. */
export function quotedWorkText(quantity: number, unitPrice: number, money: (amount: number) => string): string {
  return `${quantity} ${quantity === 1 ? 'unit' : 'units'} × ${money(unitPrice)} = ${money(quotedAmount(quantity, unitPrice))}`;
}

/** unitPrice × quantity, to the penny. */
export function quotedAmount(quantity: number, unitPrice: number): number {
  return toPennies(unitPrice * quantity) / 100;
}
