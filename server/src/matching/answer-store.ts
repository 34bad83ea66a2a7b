import { inArray, sql } from 'drizzle-orm';
import { lotAnswers, type Executor } from '@lepa/db';
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
