import { and, desc, eq, getTableColumns, gte, inArray, sql } from 'drizzle-orm';
import { lotAnswers, lots, type Executor } from '@lepa/db';
import type { ErrorCode, ProposalsAnswer } from '@lepa/shared';
import type { SolveMethod } from './solve-task.ts';

/** A lot's stored answer: proposals, or why there are none (the engine failed, the lot is closed). */
export type StoredAnswer = {
  lotId: string;
  revision: number;
  changeSeq: number;
  lotVersion: number;
  k: number;
  method: SolveMethod | 'closed' | 'failed';
} & ({ kind: 'proposals'; answer: ProposalsAnswer } | { kind: 'error'; answer: { code: ErrorCode; message: string } });

function fromRow(row: typeof lotAnswers.$inferSelect): StoredAnswer {
  return {
    lotId: row.lotId,
    revision: row.revision,
    changeSeq: Number(row.changeSeq),
    lotVersion: row.lotVersion,
    k: row.k,
    method: row.method as StoredAnswer['method'],
    ...(row.kind === 'proposals'
      ? { kind: 'proposals' as const, answer: row.answer as unknown as ProposalsAnswer }
      : { kind: 'error' as const, answer: row.answer as unknown as { code: ErrorCode; message: string } }),
  };
}

/** Whether `a` was computed later than `b`: a newer revision, or the same revision after more changes or for more proposals. */
export function newerThan(a: StoredAnswer, b: StoredAnswer | undefined): boolean {
  if (!b) return true;
  if (a.revision !== b.revision) return a.revision > b.revision;
  if (a.changeSeq !== b.changeSeq) return a.changeSeq > b.changeSeq;
  return a.k > b.k;
}

/** Open or closed, and the revision its answers must be for. */
export interface LotState {
  revision: number;
  status: string;
}

/**
 * Lots' states, each with its stored answer when that answer is for the lot's revision or a later one:
 * one round trip for a lot whose answer is nowhere at hand. Ids with no lot are left out.
 */
export async function readLotsWithAnswers(
  db: Executor,
  lotIds: readonly string[],
): Promise<Map<string, LotWithAnswer>> {
  if (lotIds.length === 0) return new Map();
  return byLot(await selectLotsWithAnswers(db).where(inArray(lots.id, [...lotIds])));
}

/** The same for open lots, the most recently changed first, up to `limit` of them. */
export async function readOpenLotsWithAnswers(db: Executor, limit: number): Promise<Map<string, LotWithAnswer>> {
  return byLot(
    await selectLotsWithAnswers(db).where(eq(lots.status, 'open')).orderBy(desc(lots.updatedAt)).limit(limit),
  );
}

type LotWithAnswer = LotState & { stored: StoredAnswer | undefined };

function selectLotsWithAnswers(db: Executor) {
  return db
    .select({ id: lots.id, revision: lots.revision, status: lots.status, stored: getTableColumns(lotAnswers) })
    .from(lots)
    .leftJoin(lotAnswers, and(eq(lotAnswers.lotId, lots.id), gte(lotAnswers.revision, lots.revision)));
}

function byLot(
  rows: { id: string; revision: number; status: string; stored: typeof lotAnswers.$inferSelect | null }[],
): Map<string, LotWithAnswer> {
  return new Map(
    rows.map((row) => [
      row.id,
      { revision: row.revision, status: row.status, stored: row.stored ? fromRow(row.stored) : undefined },
    ]),
  );
}

export async function readAnswers(db: Executor, lotIds: readonly string[]): Promise<Map<string, StoredAnswer>> {
  if (lotIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(lotAnswers)
    .where(inArray(lotAnswers.lotId, [...lotIds]));
  return new Map(rows.map((row) => [row.lotId, fromRow(row)]));
}

/**
 * Stores answers, each only over an older one (two workers may finish the
 * same lot; the later computation wins and `version` never goes back).
 * Returns the answers actually stored.
 */
export async function writeAnswers(db: Executor, answers: readonly StoredAnswer[]): Promise<StoredAnswer[]> {
  if (answers.length === 0) return [];
  const values = answers.map((a) => ({
    lotId: a.lotId,
    revision: a.revision,
    changeSeq: a.changeSeq,
    lotVersion: a.lotVersion,
    k: a.k,
    kind: a.kind,
    answer: a.answer as unknown as Record<string, unknown>,
    method: a.method,
  }));
  const written = await db
    .insert(lotAnswers)
    .values(values)
    .onConflictDoUpdate({
      target: lotAnswers.lotId,
      set: {
        revision: sql`excluded.revision`,
        changeSeq: sql`excluded.change_seq`,
        lotVersion: sql`excluded.lot_version`,
        k: sql`excluded.k`,
        kind: sql`excluded.kind`,
        answer: sql`excluded.answer`,
        method: sql`excluded.method`,
        computedAt: sql`now()`,
      },
      setWhere: sql`(excluded.revision, excluded.change_seq, excluded.k) > (${lotAnswers.revision}, ${lotAnswers.changeSeq}, ${lotAnswers.k})`,
    })
    .returning({ lotId: lotAnswers.lotId });
  const ids = new Set(written.map((row) => row.lotId));
  return answers.filter((a) => ids.has(a.lotId));
}

/** A stored answer that still stands after later changes: the row it was decided on, and the same answer moved on. */
export interface StandingAnswer {
  from: StoredAnswer;
  answer: StoredAnswer;
}

/** `from`'s answer at a later revision and change number, found by `method` to stand unchanged. */
export function moved(from: StoredAnswer, to: Pick<StoredAnswer, 'revision' | 'changeSeq' | 'method'>): StoredAnswer {
  if (from.kind !== 'proposals') throw new Error('only proposals stand');
  return { ...from, ...to, answer: { ...from.answer, version: to.revision } };
}

/**
 * Moves answers that stand to their later revision in one statement,
 * without sending them again: a row moves only while it is still the
 * answer the decision read (another worker may have stored a later one
 * meanwhile). Returns the lots moved; the caller stores the others whole.
 */
export async function advanceAnswers(db: Executor, standing: readonly StandingAnswer[]): Promise<Set<string>> {
  if (standing.length === 0) return new Set();
  // One array parameter list per column, unnested together into the decisions' rows.
  const columns: [values: unknown[], type: string][] = [
    [standing.map((s) => s.answer.lotId), 'uuid'],
    [standing.map((s) => s.from.revision), 'int'],
    [standing.map((s) => s.from.changeSeq), 'bigint'],
    [standing.map((s) => s.answer.revision), 'int'],
    [standing.map((s) => s.answer.changeSeq), 'bigint'],
    [standing.map((s) => s.answer.method), 'text'],
  ];
  const arrays = columns.map(
    ([values, type]) =>
      sql`array[${sql.join(
        values.map((value) => sql`${value}`),
        sql`, `,
      )}]::${sql.raw(type)}[]`,
  );
  const decisions = sql`unnest(${sql.join(arrays, sql`, `)})
    as v(lot_id, from_revision, from_change_seq, revision, change_seq, method)`;
  const rows = await db
    .update(lotAnswers)
    .set({
      revision: sql`v.revision`,
      changeSeq: sql`v.change_seq`,
      method: sql`v.method`,
      computedAt: sql`now()`,
      answer: sql`jsonb_set(${lotAnswers.answer}, '{version}', to_jsonb(v.revision))`,
    })
    .from(decisions)
    .where(
      sql`${lotAnswers.lotId} = v.lot_id and ${lotAnswers.revision} = v.from_revision
        and ${lotAnswers.changeSeq} = v.from_change_seq and ${lotAnswers.kind} = 'proposals'`,
    )
    .returning({ lotId: lotAnswers.lotId });
  return new Set(rows.map((row) => row.lotId));
}
