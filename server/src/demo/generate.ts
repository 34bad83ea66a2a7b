/**
 * A deterministic, believable West Midlands retrofit market for demos and
 * tests: firms in real towns, open lots from five housing providers. Pure data;
 * loading it into a database is the caller's job.
 *
 * Demo sign-ins (every account's password is DEMO_PASSWORD, `lepa-demo-2027`):
 * - lead@demo.lepa.test — Kings Heath Retrofit Co-op, a PAS 2035 retrofit
 *   coordinator, so it can lead consortia.
 * - provider1@demo.lepa.test — Brumside Homes (Birmingham; the over-capacity Ladywood lot).
 * - provider2@demo.lepa.test — Black Country Housing Partnership.
 * - provider3@demo.lepa.test — Coventry Community Homes (the single-contractor Wood End lot).
 * - provider4@demo.lepa.test — Walsall Housing Trust (the ground-source Brownhills lot).
 * - provider5@demo.lepa.test — Solihull Neighbourhoods (the firms-within-3-km Meriden lot).
 * - sme1@demo.lepa.test — Chase Ground Energy, the Cannock installer whose MCS has lapsed.
 * - sme24@demo.lepa.test — owns two firms (every 25th firm shares its owner
 *   with the one before it), to try the firm picker on invitations.
 * - sme2@ … smeN@demo.lepa.test — one generated firm each.
 */
import type { LotInput, SmeInput } from '@lepa/shared';
import { parseIsoDate } from './dates.ts';
import { FirmNamer } from './firm-names.ts';
import { generateFirms } from './firms.ts';
import { generateOrdinaryLots } from './lots.ts';
import { chaseGroundEnergy, kingsHeathRetrofitCoop } from './notable-firms.ts';
import { personName } from './people.ts';
import { PROVIDERS } from './providers.ts';
import { Random } from './random.ts';
import { SHOWCASE_PLACES, notCoverableLots } from './showcase-lots.ts';

export interface DemoAccount {
  key: string;
  email: string;
  password: string;
  name: string;
  role: 'sme' | 'provider';
}

export interface DemoData {
  accounts: DemoAccount[];
  smes: { ownerKey: string; input: SmeInput }[];
  lots: { ownerKey: string; input: LotInput }[];
}

export interface DemoOptions {
  seed?: number;
  /** Firms in total, the two notable ones included (at least 2). */
  smeCount?: number;
  /** Open lots in total, the four not-coverable showcase lots included (at least 4). */
  lotCount?: number;
  /** The day the market is generated "on", YYYY-MM-DD; certificate expiries and lot windows follow it. */
  today?: string;
}

export const DEMO_PASSWORD = 'lepa-demo-2027';
const DEMO_EMAIL_DOMAIN = 'demo.lepa.test';
const DEMO_DEFAULTS = { seed: 2027, smeCount: 320, lotCount: 24, today: '2026-12-01' } as const;

/** Every n-th firm belongs to the owner of the firm before it, so a few accounts own two. */
const SHARED_OWNER_EVERY = 25;

export function generateDemoData(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const smeCount = options.smeCount ?? DEMO_DEFAULTS.smeCount;
  const lotCount = options.lotCount ?? DEMO_DEFAULTS.lotCount;
  const today = options.today ?? DEMO_DEFAULTS.today;
  if (!Number.isInteger(smeCount) || smeCount < 2) throw new RangeError('smeCount must be an integer of at least 2');
  if (!Number.isInteger(lotCount) || lotCount < 4) throw new RangeError('lotCount must be an integer of at least 4');
  parseIsoDate(today);

  // Separate streams, so changing how many firms there are leaves lots and names where they were.
  const firmRandom = new Random(seed);
  const lotRandom = new Random(seed ^ 0x5bd1e995);
  const peopleRandom = new Random(seed ^ 0x27d4eb2f);

  const accounts: DemoAccount[] = PROVIDERS.map((p) => account(p.key, p.name, 'provider'));
  const namer = new FirmNamer(firmRandom);
  const lead = kingsHeathRetrofitCoop(firmRandom, today);
  namer.reserve(lead.name);
  accounts.push(account('lead', personName(peopleRandom), 'sme'));
  const smes: DemoData['smes'] = [{ ownerKey: 'lead', input: lead }];

  const lapsed = chaseGroundEnergy(firmRandom, today);
  namer.reserve(lapsed.name);
  const ownedFirms = [lapsed, ...generateFirms(firmRandom, smeCount - 2, today, namer)];
  let ownerNumber = 0;
  ownedFirms.forEach((input, index) => {
    if (index % SHARED_OWNER_EVERY !== SHARED_OWNER_EVERY - 1) {
      ownerNumber += 1;
      accounts.push(account(`sme${ownerNumber}`, personName(peopleRandom), 'sme'));
    }
    smes.push({ ownerKey: `sme${ownerNumber}`, input });
  });

  const lots = [
    ...generateOrdinaryLots(lotRandom, lotCount - 4, today, SHOWCASE_PLACES),
    ...notCoverableLots(today),
  ].map(({ providerKey, input }) => ({ ownerKey: providerKey, input }));

  return { accounts, smes, lots };
}

function account(key: string, name: string, role: DemoAccount['role']): DemoAccount {
  return { key, email: `${key}@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD, name, role };
}
