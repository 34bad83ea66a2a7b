import { describe, expect, it } from 'vitest';
import { toPennies, type Assignment } from '@lepa/shared';
import { coordinationPerMember, firmFigures, proposalFigures, signedMoney } from './work-figures.ts';

const lofts: Assignment = {
  skill: 'loft-insulation',
  quantity: 24,
  unitCost: 802.96,
  unitPrice: 812.5,
  socialValueDiscount: 487.5,
  travel: 258.53,
};

describe('firmFigures', () => {
  it('shows what the firm quoted and is paid, apart from the ranking adjustments', () => {
    const figures = firmFigures([lofts], 5000)!;
    expect(figures.lines).toEqual([
      {
        skill: 'loft-insulation',
        label: 'Loft insulation',
        quantity: 24,
        unitPrice: 812.5,
        amount: 19_500,
        text: '24 units × £812.50 = £19,500.00',
      },
    ]);
    expect(figures.paid).toBe(19_500);
    expect(figures.adjustments.map((line) => [line.label, line.text])).toEqual([
      ['Social value discount', '−£487.50'],
      ['Travel', '+£258.53'],
      ['Coordination', '+£5,000.00'],
    ]);
    for (const line of figures.adjustments) expect(line.explanation).not.toBe('');
  });

  it('adds a firm’s lines to the penny and leaves coordination out where the screen does not know it', () => {
    const cavity: Assignment = {
      skill: 'cavity-wall-insulation',
      quantity: 3,
      unitCost: 0.1,
      unitPrice: 0.1,
      socialValueDiscount: 0.01,
      travel: 0.02,
    };
    const figures = firmFigures([cavity, { ...cavity, skill: 'draught-proofing', quantity: 7 }], null)!;
    expect(figures.lines.map((line) => line.text)).toEqual(['3 units × £0.10 = £0.30', '7 units × £0.10 = £0.70']);
    expect(figures.paid).toBe(1);
    expect(figures.adjustments.map((line) => line.amount)).toEqual([-0.02, 0.04]);
  });

  it('says one unit, and gives up on answers stored before assignments carried the quoted price', () => {
    expect(firmFigures([{ ...lofts, quantity: 1 }], null)!.lines[0]!.text).toBe('1 unit × £812.50 = £812.50');
    expect(firmFigures([{ skill: 'roofing', quantity: 2, unitCost: 100 }], null)).toBeNull();
  });
});

describe('proposalFigures', () => {
  it('adds the quoted work and the signed adjustments up to the cost to the penny', () => {
    const breakdown = { work: 51_380.5, socialValueDiscount: 2_055.22, travel: 1_187.41, coordination: 15_000 };
    const figures = proposalFigures(breakdown);
    expect(figures.paid).toBe(51_380.5);
    expect(figures.adjustments.map((line) => line.text)).toEqual(['−£2,055.22', '+£1,187.41', '+£15,000.00']);
    expect(toPennies(figures.cost)).toBe(toPennies(51_380.5 - 2_055.22 + 1_187.41 + 15_000));
  });

  it('shares the coordination cost between the members', () => {
    expect(coordinationPerMember({ work: 0, socialValueDiscount: 0, travel: 0, coordination: 15_000 }, 3)).toBe(5000);
    expect(signedMoney(0)).toBe('+£0.00');
  });
});
