/**
 * Skills ↔ Common Procurement Vocabulary (CPV 2008) codes, for OCDS exchange
 * with tender portals.
 *
 * Each skill has the best-fitting CPV code. Several skills share one code
 * (CPV has one "thermal insulation work" for every wall, loft and floor
 * measure), so the reverse mapping is made unambiguous in this order:
 * 1. an item additional classification with scheme `x_lepaSkill` whose id is
 *    the skill code (Lepa writes one on every exported item);
 * 2. a code used by exactly one skill maps to it;
 * 3. a shared code maps to the skill whose label (or code) appears in the
 *    item's description, e.g. "Cavity wall insulation";
 * 4. otherwise the item cannot be mapped and the import names it.
 */
import { SKILLS, SKILL_LABELS, type Skill } from '../vocabulary.ts';

export const CPV_SCHEME = 'CPV';
/** OCDS's classification scheme codelist is open; `x_` marks a scheme of our own. */
export const SKILL_SCHEME = 'x_lepaSkill';

export const CPV_LABELS: Readonly<Record<string, string>> = {
  '71314300': 'Energy-efficiency consultancy services',
  '71541000': 'Construction project management services',
  '71320000': 'Engineering design services',
  '71631300': 'Technical building-inspection services',
  '45321000': 'Thermal insulation work',
  '45261410': 'Roof insulation work',
  '45320000': 'Insulation work',
  '45421100': 'Installation of doors and windows and related components',
  '45331210': 'Ventilation installation work',
  '45331100': 'Central-heating installation work',
  '09332000': 'Solar installation',
  '31440000': 'Batteries',
  '45331000': 'Heating, ventilation and air-conditioning installation work',
  '45310000': 'Electrical installation work',
  '45262100': 'Scaffolding work',
  '45261000': 'Erection and related works of roof frames and coverings',
};

export const SKILL_CPV: Readonly<Record<Skill, keyof typeof CPV_LABELS>> = {
  'retrofit-assessor': '71314300',
  'retrofit-coordinator': '71541000',
  'retrofit-designer': '71320000',
  'retrofit-evaluator': '71631300',
  'cavity-wall-insulation': '45321000',
  'external-wall-insulation': '45321000',
  'internal-wall-insulation': '45321000',
  'loft-insulation': '45321000',
  'room-in-roof-insulation': '45261410',
  'flat-roof-insulation': '45261410',
  'underfloor-insulation': '45321000',
  'draught-proofing': '45320000',
  'windows-doors': '45421100',
  ventilation: '45331210',
  'air-source-heat-pump': '45331100',
  'ground-source-heat-pump': '45331100',
  'solar-pv': '09332000',
  'battery-storage': '31440000',
  'heating-controls': '45331000',
  electrical: '45310000',
  scaffolding: '45262100',
  roofing: '45261000',
};

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** CPV codes are 8 digits, often published with a check digit ("45321000-3"). */
export function cpvDigits(id: string): string {
  return id.trim().split('-')[0]!;
}

export function skillsForCpv(cpv: string): Skill[] {
  const digits = cpvDigits(cpv);
  return SKILLS.filter((skill) => SKILL_CPV[skill] === digits);
}

export type SkillMatch = { skill: Skill } | { problem: string };

/** The skill an OCDS item stands for (see the order above). */
export function skillForItem(
  cpv: string | undefined,
  description: string | undefined,
  skillCode: string | undefined,
): SkillMatch {
  if (skillCode !== undefined) {
    return (SKILLS as readonly string[]).includes(skillCode)
      ? { skill: skillCode as Skill }
      : { problem: `"${skillCode}" is not a Lepa skill code` };
  }
  if (cpv === undefined) return { problem: 'has no CPV classification' };
  const candidates = skillsForCpv(cpv);
  if (candidates.length === 0) return { problem: `CPV ${cpv} is not a retrofit skill Lepa knows` };
  if (candidates.length === 1) return { skill: candidates[0]! };
  const text = ` ${normalise(description ?? '')} `;
  const named = candidates.filter(
    (skill) => text.includes(` ${normalise(SKILL_LABELS[skill])} `) || text.includes(` ${normalise(skill)} `),
  );
  if (named.length === 1) return { skill: named[0]! };
  return {
    problem: `CPV ${cpv} covers several skills (${candidates.join(', ')}); name one in the item description or in an ${SKILL_SCHEME} additional classification`,
  };
}
