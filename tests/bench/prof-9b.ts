import { solve } from '@lepa/engine';
import { buildMatchModel, dominatedFirms } from '@lepa/engine/testing';
import { searchTopK } from '../../server/engine/src/search.ts';
import { toPennies } from '@lepa/shared';
import { demoMarket } from './engine/demo-lots.ts';
const { inputs } = demoMarket({ seed: 99, firms: 10000, lots: 40 });
const options = { k: 5, timeBudgetMs: 2000 };
const t = <T,>(f: () => T): [number, T] => { const s = performance.now(); const r = f(); return [performance.now() - s, r]; };
let n = 0;
for (const input of inputs.slice(0, 25)) {
  const [tf, prev] = t(() => solve(input, options));
  if (!prev.feasible) continue;
  const model = buildMatchModel(input);
  const limit = toPennies(prev.proposals[4]!.cost);
  for (let j = 0; j < 2; j++) {
    const firm = (n * 7919 + j * 104729) % model.firms.length;
    const [td, ex] = t(() => dominatedFirms(model, 5, model.lot.maxMembers, [firm]));
    const [td0, ex0] = t(() => dominatedFirms(model, 5, model.lot.maxMembers));
    const kept = ex.reduce((a, b) => a + (b ? 0 : 1), 0);
    const kept0 = ex0.reduce((a, b) => a + (b ? 0 : 1), 0);
    const [ts, s] = t(() => searchTopK(model, ex, 5, () => false, { forced: [firm], limitPennies: limit }));
    const [tn, s2] = t(() => searchTopK(model, new Uint8Array(model.firms.length), 5, () => false, { forced: [firm], limitPennies: limit }));
    console.log(`full ${tf.toFixed(0)} dom ${td.toFixed(0)}/${td0.toFixed(0)} kept ${kept}/${kept0} of ${model.firms.length} search ${ts.toFixed(0)} nodes ${s.nodes} found ${s.found.length} | nodom ${tn.toFixed(0)} nodes ${s2.nodes}`);
  }
  n++;
}
