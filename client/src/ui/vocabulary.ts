import {
  CERTIFICATION_SCHEMES,
  OWNERSHIPS,
  SCHEME_LABELS,
  SKILLS,
  SKILL_LABELS,
  SOCIAL_VALUE_TERMS,
  type ConsortiumStatus,
  type Term,
  type Ownership,
} from '@lepa/shared';
import type { Option } from './fields.tsx';
import { labelOf } from './format.ts';

/** Select options from the shared vocabulary, so the client can never offer a code the API refuses. */
export const skillOptions: readonly Option[] = SKILLS.map((skill) => ({ value: skill, label: SKILL_LABELS[skill] }));
export const schemeOptions: readonly Option[] = CERTIFICATION_SCHEMES.map((scheme) => ({
  value: scheme,
  label: SCHEME_LABELS[scheme],
}));

const OWNERSHIP_LABELS: Record<Ownership, string> = {
  independent: 'Independent',
  'social-enterprise': 'Social enterprise',
  'co-operative': 'Co-operative',
  'employee-owned': 'Employee-owned',
  subsidiary: 'Subsidiary of a larger group',
};
export const ownershipOptions: readonly Option[] = OWNERSHIPS.map((value) => ({
  value,
  label: OWNERSHIP_LABELS[value],
}));

export function skillLabel(skill: string | null): string {
  return skill && skill in SKILL_LABELS ? SKILL_LABELS[skill as keyof typeof SKILL_LABELS] : (skill ?? 'Whole lot');
}

export function schemeLabel(scheme: string): string {
  return scheme in SCHEME_LABELS ? SCHEME_LABELS[scheme as keyof typeof SCHEME_LABELS] : scheme;
}

/** Badge tones for a consortium's status, the same on every screen that shows one. */
export const CONSORTIUM_STATUS_TONE = {
  forming: 'warn',
  submitted: 'accent',
  withdrawn: 'neutral',
  awarded: 'good',
  lost: 'bad',
} as const satisfies Record<ConsortiumStatus, string>;

/**
 * A social value figure's label and one-line explanation, from the shared
 * vocabulary (mails and the printable statement use the same words); a figure
 * the server adds later still gets a readable label.
 */
export function socialValueTerm(key: string): Term {
  return SOCIAL_VALUE_TERMS[key] ?? { label: labelOf(key), explanation: '' };
}

/**
 * What each social value answer on a firm's profile does, in plain words:
 * its share of the score sv(s) (shared/src/scoring.ts) at the default weight,
 * and that the ranking discount never changes what the firm is paid.
 */
export const PROFILE_SOCIAL_VALUE_HINTS = {
  ownership:
    'Any ownership but a subsidiary counts 3% off your quoted price when proposals are ranked (at the usual social value weight).',
  realLivingWage:
    'Counts 3% off your quoted price when proposals are ranked (at the usual social value weight); you are still paid your quote.',
  charterSignatory:
    'Counts 2% off your quoted price when proposals are ranked (at the usual social value weight); you are still paid your quote.',
  apprentices:
    'One or more counts 2% off your quoted price when proposals are ranked; the number appears in social value statements.',
  localEmployeesPct: 'Reported in your consortia’s social value statements; it does not change the ranking.',
} as const;
