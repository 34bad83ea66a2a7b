import { bigint, integer, jsonb, pgSequence, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { lots } from './lots.ts';

/**
 * Numbers every announced change (firm edit, lot edit, booking) across all
 * instances, so a matching worker can tell which changes its in-memory market
 * has applied and which firms changed since a stored answer.
 */
export const changeSequence = pgSequence('change_seq', { startWith: 1 });

/**
 * The one stored proposals answer per lot: computed once by a matching worker
 * for the lot's revision, relayed by every web instance. A newer revision (or
 * the same revision computed after later changes) replaces it.
 */
export const lotAnswers = pgTable('lot_answers', {
  lotId: uuid()
    .primaryKey()
    .references(() => lots.id, { onDelete: 'cascade' }),
  /** The lot revision this answer is for (the answer's `version`). */
  revision: integer().notNull(),
  /** Every change numbered up to this one was applied when the answer was computed. */
  changeSeq: bigint({ mode: 'number' }).notNull(),
  /** The lot's edit counter the answer saw: a lot edit always gets a full solve. */
  lotVersion: integer().notNull(),
  /** How many proposals were asked for; the answer serves any smaller ask. */
  k: integer().notNull(),
  /** `proposals`: the answer as GET /api/lots/:id/proposals serves it; `error`: the engine failed for this lot. */
  kind: text({ enum: ['proposals', 'error'] }).notNull(),
  answer: jsonb().$type<Record<string, unknown>>().notNull(),
  /** How it was found: full, merge, warm, or skipped (proven / heuristic); for operators and the bench. */
  method: text().notNull(),
  computedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
