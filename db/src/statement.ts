import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

const dialect = new PgDialect({ casing: 'snake_case' });

/**
 * A raw statement whose text is built once, from an `sql` template holding
 * `sql.placeholder(name)` for its values; a call only fills them in. For hot
 * statements with large templates, where building the text again on every call
 * costs more than PostgreSQL takes to run it. Answers as `execute` does.
 */
export function rawStatement(statement: SQL) {
  const query = dialect.sqlToQuery(statement);
  return (executor: Executor, values: Record<string, unknown>): Promise<unknown> =>
    executor._.session.prepareQuery(query, undefined, undefined, false).execute(values);
}
