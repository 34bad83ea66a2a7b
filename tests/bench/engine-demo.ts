/**
 * bench:engine:demo — the engine on the market the live board actually sees:
 * the demo generator at scale (default 10,000 firms, 500 lots), each lot
 * solved for top-5 on the firms within reach, as the server's market cache
 * hands them over. Prints p50/p95/p99 solve time, time-outs and node counts.
 *
 *   pnpm bench:engine:demo [--firms 10000] [--lots 500] [--budget 2000]
 */
import { parseArgs } from 'node:util';
import { haversineKm } from '@lepa/shared';
import { generateDemoData } from '../../server/src/demo/generate.ts';
import { solve, type EngineFirm, type EngineLot } from '../../server/src/engine/index.ts';
import { LOT_DEFAULTS } from '@lepa/shared';
import { ms, percentile } from './live/stats.ts';

const { values: args } = parseArgs({
  options: {
    firms: { type: 'string', default: '10000' },
    lots: { type: 'string', default: '500' },
    budget: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '99' },
  },
});

const demo = generateDemoData({ seed: Number(args.seed), smeCount: Number(args.firms), lotCount: Number(args.lots) });
const firms: EngineFirm[] = demo.smes.map(({ input }, index) => ({
  id: `firm-${String(index).padStart(6, '0')}`,
  name: input.name,
  location: input.location,
  serviceRadiusKm: input.serviceRadiusKm,
  employees: input.employees,
  ownership: input.ownership,
  capabilities: input.capabilities,
  certifications: input.certifications.map((c) => ({ scheme: c.scheme, expires: c.expires })),
  socialValue: input.socialValue,
}));

const times: number[] = [];
const nodes: number[] = [];
let timedOut = 0;
let infeasible = 0;
for (const [index, { input }] of demo.lots.entries()) {
  const lot: EngineLot = {
    id: `lot-${index}`,
    location: input.location,
    startDate: input.startDate,
    endDate: input.endDate,
    requirements: input.requirements.map((r) => ({ skill: r.skill, quantity: r.quantity, certifications: r.certifications ?? [] })),
    maxMembers: input.maxMembers ?? LOT_DEFAULTS.maxMembers,
    maxDistanceKm: input.maxDistanceKm ?? null,
    socialValueWeight: input.socialValueWeight ?? LOT_DEFAULTS.socialValueWeight,
    travelCostPerUnitKm: input.travelCostPerUnitKm ?? LOT_DEFAULTS.travelCostPerUnitKm,
    coordinationCostPerMember: input.coordinationCostPerMember ?? LOT_DEFAULTS.coordinationCostPerMember,
  };
  const skills = new Set(lot.requirements.map((r) => r.skill));
  const candidates = firms.filter((firm) => {
    if (!firm.capabilities.some((c) => skills.has(c.skill))) return false;
    const distance = haversineKm(lot.location, firm.location);
    return distance <= firm.serviceRadiusKm && (lot.maxDistanceKm === null || distance <= lot.maxDistanceKm);
  });
  const started = performance.now();
  const result = solve({ lot, firms: candidates, booked: [] }, { k: 5, timeBudgetMs: Number(args.budget) });
  times.push(performance.now() - started);
  nodes.push(result.stats.nodes);
  if (result.status === 'timedout') timedOut += 1;
  if (!result.feasible) infeasible += 1;
}

console.log(`engine on the demo market: ${firms.length} firms, ${demo.lots.length} lots, top-5, budget ${args.budget} ms`);
console.log(`solve p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  p99 ${ms(percentile(times, 99))}  max ${ms(Math.max(...times))}`);
console.log(`timed out ${timedOut}, infeasible ${infeasible}, nodes p50 ${percentile(nodes, 50)} p95 ${percentile(nodes, 95)} max ${Math.max(...nodes)}`);
