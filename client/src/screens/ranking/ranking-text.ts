/**
 * "How proposals are ranked", in plain words: the published scoring model as
 * a firm owner or a housing officer would explain it. Kept as data in one
 * module so the board, the page and any other screen say the same thing.
 */
export const RANKING_SUMMARY =
  'Every firm is paid the price it quoted. To rank proposals, Lepa starts from the quoted work, takes off a discount for social value and adds travel and a coordination cost for each firm; these adjustments change the order only, never the pay. The lowest total comes first.';

export interface RankingSection {
  heading: string;
  paragraphs: readonly string[];
}

export const RANKING_SECTIONS: readonly RankingSection[] = [
  {
    heading: 'Who can be in a proposal',
    paragraphs: [
      'A firm is counted for a kind of work when it offers that work, holds the certificates the work needs for the whole of the lot’s dates, and is within the distance it says it travels (and within the lot’s own distance limit, if the provider set one).',
      'A firm is only offered as much work as it has free capacity for in the lot’s months, after the work it has already committed to in submitted bids.',
    ],
  },
  {
    heading: 'What a firm is paid',
    paragraphs: [
      'A firm is paid its own price for each unit it does: the price it entered for that kind of work, times the number of units. The adjustments below decide the ranking only; they do not change what anyone is paid.',
    ],
  },
  {
    heading: 'The adjustments that decide the ranking',
    paragraphs: [
      'Social value discount: a firm that pays the Real Living Wage, is not a subsidiary of a larger group, has signed the Birmingham Business Charter for Social Responsibility, or employs an apprentice counts as cheaper for ranking — up to 10% off its price, scaled by the weight the provider gives social value.',
      'Travel: for ranking, each unit costs £2 more for every kilometre between the firm and the lot (or the amount the provider set), so nearer firms rank better.',
      'Coordination: each extra firm in a consortium adds £5,000 (or the amount the provider set), so a proposal does not split the work between more firms than it needs.',
    ],
  },
  {
    heading: 'How the proposals are chosen',
    paragraphs: [
      'Lepa looks at every group of eligible firms that can cover all the work, up to the lot’s member limit, and finds for each the cheapest way to share the work out. The retrofit coordination is never split: one firm does all of it and leads the consortium.',
      'The board shows the cheapest groups, best first. When two cost the same to the penny, the one with fewer firms comes first.',
      'Because the rule is published and the calculation is exact, every firm can check why it is, or is not, in a proposal.',
    ],
  },
];
