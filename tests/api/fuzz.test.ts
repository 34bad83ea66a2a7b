import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { count, sql } from 'drizzle-orm';
import { lotRequirements, lots, smeCapabilities, smeCertifications, smes, users } from '@lepa/db';
import { Lot, Session, Sme } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, PASSWORD, register, smeInput, type Account } from '../support/fixtures.ts';
import { isErrorBody } from '../support/http.ts';
import { shapeIssues } from '../support/shape.ts';

/**
 * Malformed bodies against every write route: valid bodies mutated at random
 * places (wrong types, missing and extra fields, hostile strings, out-of-range
 * numbers), arbitrary JSON, and bytes that are not JSON at all. Nothing may
 * answer 5xx, every 4xx has DESIGN's error shape, and afterwards the database
 * holds exactly the records the 2xx answers promised, each one complete.
 */
const SEED = 20270301;
const RUNS = { register: 250, login: 250, createSme: 400, updateSme: 400, createLot: 400, updateLot: 400 };

const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -0,
    -1,
    1.5,
    0.1,
    -0.0001,
    1e308,
    -1e308,
    2 ** 31,
    2 ** 53 + 1,
    1e-320,
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff x',
    '😀'.repeat(60),
    'x'.repeat(5000),
    '<script>alert(1)</script>',
    "'; drop table smes; --",
    '2027-02-30',
    '0000-01-01',
    '9999-12-31',
    '+012027-01-01',
    '2027-03-01T00:00:00Z',
    'retrofit-coordinator',
    'loft-insulation',
    'mcs',
    'independent',
    'sme',
    'provider',
    'NaN',
    'Infinity',
    '1e400',
    '52.5',
    [],
    {},
    [null],
    [[]],
    { skill: 'loft-insulation', quantity: 1 },
    { lat: 52.5, lon: -1.9 },
    { __proto__: { admin: true } },
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Strings and numbers of the right type but hostile content, to reach past the schema into the database. */
const hostileText = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '😀',
    'é',
    '\u202e',
    "O'Brien; --",
    '%s%n',
    '0000-01-01',
    '9999-12-31',
    '1900-02-29',
    '2000-02-29',
    '2027-02-28',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, 1e-320, 2 ** 31 - 1, 2 ** 31, 1e6, 1e7, 0.1 + 0.2, 89.99999999999999, 180),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e7 }),
  fc.integer({ min: -10, max: 200_000 }),
);

type Op = {
  kind: 'set' | 'text' | 'number' | 'delete' | 'extra' | 'wrap' | 'empty' | 'duplicate';
  at: number;
  value: unknown;
  text: string;
  number: number;
  key: string;
};
const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom(
    'set',
    'set',
    'text',
    'text',
    'text',
    'text',
    'number',
    'number',
    'delete',
    'extra',
    'wrap',
    'empty',
    'duplicate',
  ),
  at: fc.integer({ min: 0, max: 1_000_000 }),
  value: hostile,
  text: hostileText,
  number: hostileNumber,
  key: fc.oneof(
    fc.constantFrom('id', 'ownerId', 'status', 'version', 'role', '__proto__', 'constructor', ''),
    fc.string({ maxLength: 12 }),
  ),
});

/** Every path into a JSON value (the root is []). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...paths(item, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function mutate(base: unknown, ops: Op[]): unknown {
  let root: any = structuredClone(base);
  for (const o of ops) {
    const leaves = (type: string) =>
      paths(root).filter((p) => typeof p.reduce((node: any, key) => node?.[key], root) === type);
    if (o.kind === 'text' || o.kind === 'number') {
      const candidates = leaves(o.kind === 'text' ? 'string' : 'number');
      const path = candidates[o.at % Math.max(1, candidates.length)];
      if (!path || path.length === 0) continue;
      const parent = path.slice(0, -1).reduce((node: any, key) => node[key], root);
      parent[path[path.length - 1]!] = o.kind === 'text' ? o.text : o.number;
      continue;
    }
    const all = paths(root);
    const path = all[o.at % all.length]!;
    const parent = path.length === 0 ? undefined : path.slice(0, -1).reduce((node: any, key) => node[key], root);
    const last = path[path.length - 1];
    const current = path.length === 0 ? root : parent[last!];
    const replace = (value: unknown) => {
      if (path.length === 0) root = value;
      else parent[last!] = value;
    };
    switch (o.kind) {
      case 'set':
        replace(o.value);
        break;
      case 'delete':
        if (parent && Array.isArray(parent)) parent.splice(last as number, 1);
        else if (parent) delete parent[last!];
        break;
      case 'extra':
        if (current && typeof current === 'object' && !Array.isArray(current))
          Object.defineProperty(current, o.key, {
            value: o.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else replace(o.value);
        break;
      case 'wrap':
        replace([current]);
        break;
      case 'empty':
        replace(Array.isArray(current) ? [] : typeof current === 'string' ? '' : {});
        break;
      case 'duplicate':
        if (Array.isArray(current)) current.push(structuredClone(current[0] ?? null));
        else replace([current, current]);
        break;
    }
  }
  return root;
}

/** A request body: a mutated valid body (JSON), arbitrary JSON, or raw text sent as JSON. */
function bodies(valid: () => unknown): fc.Arbitrary<{ raw: string }> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .array(op, { minLength: 1, maxLength: 2 })
        .map((ops) => ({ raw: JSON.stringify(mutate(valid(), ops)) ?? 'null' })),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => ({ raw: JSON.stringify(value) })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 30 })).map(([cut, junk]) => {
        const text = JSON.stringify(valid());
        return { raw: text.slice(0, cut % text.length) + junk };
      }),
    },
  );
}

describe('fuzzing the write routes with malformed bodies', () => {
  let t: TestApp;
  let smeAccount: Account;
  let providerAccount: Account;
  let firmId: string;
  let lotId: string;
  const tally = { sent: 0, status: new Map<number, number>(), createdSmes: 0, createdLots: 0, registered: 0 };

  beforeAll(async () => {
    t = await startTestApp();
    smeAccount = await register(t.app, 'sme');
    providerAccount = await register(t.app, 'provider');
    firmId = (
      await t.app.inject({ method: 'POST', url: '/api/smes', headers: smeAccount.auth, payload: smeInput() })
    ).json().id;
    lotId = (
      await t.app.inject({ method: 'POST', url: '/api/lots', headers: providerAccount.auth, payload: lotInput() })
    ).json().id;
  });
  afterAll(() => t.close());

  async function send(
    method: 'POST' | 'PUT',
    url: string,
    raw: string,
    auth: Record<string, string>,
    okShape: unknown,
  ) {
    const response = await t.app.inject({
      method,
      url,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: raw,
    });
    tally.sent++;
    tally.status.set(response.statusCode, (tally.status.get(response.statusCode) ?? 0) + 1);
    const context = `${method} ${url} ${raw.slice(0, 300)} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
    expect(response.statusCode, context).toBeLessThan(500);
    let body: unknown;
    expect(() => (body = JSON.parse(response.body)), context).not.toThrow();
    if (response.statusCode >= 400) expect(isErrorBody(body), context).toBe(true);
    else expect(shapeIssues(okShape as Record<string, unknown>, body), context).toEqual([]);
    return response.statusCode;
  }

  const cases = [
    {
      name: 'POST /api/auth/register',
      runs: RUNS.register,
      arb: bodies(() => ({
        email: `fuzz-${Math.random().toString(36).slice(2)}@example.test`,
        password: PASSWORD,
        name: 'Fuzz',
        role: 'sme',
      })),
      run: async (raw: string) => {
        if ((await send('POST', '/api/auth/register', raw, {}, Session)) === 201) tally.registered++;
      },
    },
    {
      name: 'POST /api/auth/login',
      runs: RUNS.login,
      arb: bodies(() => ({ email: smeAccount.email, password: PASSWORD })),
      run: (raw: string) => send('POST', '/api/auth/login', raw, {}, Session),
    },
    {
      name: 'POST /api/smes',
      runs: RUNS.createSme,
      arb: bodies(() => smeInput()),
      run: async (raw: string) => {
        if ((await send('POST', '/api/smes', raw, smeAccount.auth, Sme)) === 201) tally.createdSmes++;
      },
    },
    {
      name: 'PUT /api/smes/:id',
      runs: RUNS.updateSme,
      arb: bodies(() => smeInput()),
      run: (raw: string) => send('PUT', `/api/smes/${firmId}`, raw, smeAccount.auth, Sme),
    },
    {
      name: 'POST /api/lots',
      runs: RUNS.createLot,
      arb: bodies(() => lotInput()),
      run: async (raw: string) => {
        if ((await send('POST', '/api/lots', raw, providerAccount.auth, Lot)) === 201) tally.createdLots++;
      },
    },
    {
      name: 'PUT /api/lots/:id',
      runs: RUNS.updateLot,
      arb: bodies(() => lotInput()),
      run: (raw: string) => send('PUT', `/api/lots/${lotId}`, raw, providerAccount.auth, Lot),
    },
  ];

  it.each(cases)(
    '$name never answers 5xx and every 4xx has the error shape ($runs bodies)',
    async ({ arb, runs, run }) => {
      await fc.assert(
        fc.asyncProperty(arb, async ({ raw }) => {
          await run(raw);
        }),
        { seed: SEED, numRuns: runs, endOnFailure: true },
      );
    },
  );

  it('sent at least 2,000 bodies, most of them refused', () => {
    const refused = [...tally.status].filter(([s]) => s >= 400).reduce((sum, [, n]) => sum + n, 0);
    expect(tally.sent).toBeGreaterThanOrEqual(2000);
    expect(refused / tally.sent).toBeGreaterThan(0.6);
    console.log(`fuzz: ${tally.sent} bodies; statuses ${JSON.stringify(Object.fromEntries([...tally.status].sort()))}`);
  });

  it('leaves no partial records: counts match the 2xx answers and every record is complete', async () => {
    const db = t.app.database.db;
    const one = async (query: Promise<{ n: number }[]>) => Number((await query)[0]!.n);
    expect(await one(db.select({ n: count() }).from(users))).toBe(2 + tally.registered);
    expect(await one(db.select({ n: count() }).from(smes))).toBe(1 + tally.createdSmes);
    expect(await one(db.select({ n: count() }).from(lots))).toBe(1 + tally.createdLots);
    const firmsWithoutCapabilities = await db
      .select({ n: count() })
      .from(smes)
      .where(sql`not exists (select 1 from ${smeCapabilities} where ${smeCapabilities.smeId} = ${smes.id})`);
    expect(Number(firmsWithoutCapabilities[0]!.n)).toBe(0);
    const lotsWithoutRequirements = await db
      .select({ n: count() })
      .from(lots)
      .where(sql`not exists (select 1 from ${lotRequirements} where ${lotRequirements.lotId} = ${lots.id})`);
    expect(Number(lotsWithoutRequirements[0]!.n)).toBe(0);

    // Every child row belongs to what the API shows: walk all firms and lots and add up their children.
    let capabilities = 0;
    let certifications = 0;
    let cursor: string | null = null;
    do {
      const page: any = (
        await t.app.inject({
          method: 'GET',
          url: `/api/smes?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          headers: smeAccount.auth,
        })
      ).json();
      for (const firm of page.items as Sme[]) {
        expect(firm.capabilities.length).toBeGreaterThan(0);
        capabilities += firm.capabilities.length;
        certifications += firm.certifications.length;
      }
      cursor = page.nextCursor;
    } while (cursor);
    let requirements = 0;
    do {
      const page: any = (
        await t.app.inject({
          method: 'GET',
          url: `/api/lots?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          headers: smeAccount.auth,
        })
      ).json();
      for (const lot of page.items as Lot[]) {
        expect(lot.requirements.length).toBeGreaterThan(0);
        requirements += lot.requirements.length;
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(await one(db.select({ n: count() }).from(smeCapabilities))).toBe(capabilities);
    expect(await one(db.select({ n: count() }).from(smeCertifications))).toBe(certifications);
    expect(await one(db.select({ n: count() }).from(lotRequirements))).toBe(requirements);
  });
});
