/**
 * bench:engine:demo — the engine on the market the live board actually sees:
 * the demo generator at scale (default 10,000 firms, 500 lots), each lot
 * solved for top-5 on the firms within reach, as the server's market cache
 * hands them over. Prints p50/p95/p99 solve time, time-outs and node counts.
 *
 *   pnpm bench:engine:demo [--firms 10000] [--lots 500] [--budget 2000]
 */
import { parseArgs } from 'node:util';
import { solve } from '@lepa/engine';
import { demoMarket } from './engine/demo-lots.ts';
import { ms, percentile } from './live/stats.ts';

const { values: args } = parseArgs({
  options: {
    firms: { type: 'string', default: '10000' },
    lots: { type: 'string', default: '500' },
    budget: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '99' },
  },
});

const { firmCount, inputs } = demoMarket({
  seed: Number(args.seed),
  firms: Number(args.firms),
  lots: Number(args.lots),
});

const times: number[] = [];
const nodes: number[] = [];
let timedOut = 0;
let infeasible = 0;
for (const input of inputs) {
  const started = performance.now();
  const result = solve(input, { k: 5, timeBudgetMs: Number(args.budget) });
  times.push(performance.now() - started);
  nodes.push(result.stats.nodes);
  if (result.status === 'timedout') timedOut += 1;
  if (!result.feasible) infeasible += 1;
}

console.log(`engine on the demo market: ${firmCount} firms, ${inputs.length} lots, top-5, budget ${args.budget} ms`);
console.log(
  `solve p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  p99 ${ms(percentile(times, 99))}  max ${ms(Math.max(...times))}`,
);
console.log(
  `timed out ${timedOut}, infeasible ${infeasible}, nodes p50 ${percentile(nodes, 50)} p95 ${percentile(nodes, 95)} max ${Math.max(...nodes)}`,
);
