/** Diagnostics: which demo lots are hard for the engine, and what they look like. */
import { parseArgs } from 'node:util';
import { buildMatchModel, dominatedFirms, minimumMembers } from '@lepa/engine/testing';
import { solve } from '@lepa/engine';
import { demoEngineInputs } from './demo-lots.ts';

const { values: args } = parseArgs({
  options: {
    firms: { type: 'string', default: '10000' },
    lots: { type: 'string', default: '100' },
    budget: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '99' },
    only: { type: 'string', default: '' },
    slow: { type: 'string', default: '200' },
  },
});
const inputs = demoEngineInputs({ seed: Number(args.seed), firms: Number(args.firms), lots: Number(args.lots) });
const only = args.only ? new Set(args.only.split(',').map(Number)) : null;
for (const [index, input] of inputs.entries()) {
  if (only && !only.has(index)) continue;
  const started = performance.now();
  const result = solve(input, { k: 5, timeBudgetMs: Number(args.budget) });
  const elapsed = performance.now() - started;
  if (elapsed < Number(args.slow) && !only) continue;
  const model = buildMatchModel(input);
  const excluded = dominatedFirms(model, 5, model.lot.maxMembers);
  const lot = input.lot;
  console.log(
    `lot ${index}: ${elapsed.toFixed(0)} ms ${result.status} feasible=${result.feasible} nodes=${result.stats.nodes} cand=${result.stats.candidates} searched=${result.stats.searched} maxMembers=${lot.maxMembers} coord=${lot.coordinationCostPerMember} minMembers=${minimumMembers(model)}`,
  );
  model.skills.forEach((skill, s) => {
    const offers = model.offers[s]!;
    const kept = [...offers.firms].map((f, p) => ({ f, p })).filter(({ f }) => !excluded[f]);
    const caps = kept.map(({ p }) => Math.min(offers.available[p]!, skill.quantity)).sort((a, b) => b - a);
    let need = skill.quantity;
    let fewest = 0;
    for (const c of caps) {
      if (need <= 0) break;
      need -= c;
      fewest++;
    }
    // firms to fill greedily in cost order
    need = skill.quantity;
    let cheapFill = 0;
    for (const { p } of kept) {
      if (need <= 0) break;
      need -= offers.available[p]!;
      cheapFill++;
    }
    const costs = kept.slice(0, 8).map(({ p }) => offers.unitCosts[p]!.toFixed(0));
    console.log(
      `  ${skill.skill.padEnd(26)} q=${String(skill.quantity).padStart(4)} offers=${offers.firms.length}/${kept.length} fewest=${fewest} cheapFill=${cheapFill} topCaps=${caps.slice(0, 6).join(',')} costs=${costs.join(',')}`,
    );
  });
  for (const p of result.proposals)
    console.log(`  £${p.cost.toFixed(2)} members=${p.members.length} ${p.members.map((m) => m.smeId).join(' ')}`);
  for (const u of result.unmet) console.log(`  unmet ${u.reason} ${u.message}`);
}
