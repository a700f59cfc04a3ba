import { createHash } from 'node:crypto';
import type pg from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';

/**
 * Runs `sql` as a named prepared statement on the data source's pool. Each connection parses and plans
 * it once, and PostgreSQL keeps a generic plan once it is no dearer than a custom one; an unnamed
 * statement, which is what TypeORM sends, is parsed and planned at every call. For statements on the
 * API's hot paths, whose parsing and planning cost as much as running them (docs/DECISIONS.md).
 *
 * The statement's name is taken from its text, so a statement built from parts has one name per shape.
 * Errors are TypeORM's `QueryFailedError`, as from `DataSource.query`, for the exception filter.
 */
export async function preparedQuery<T>(dataSource: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  try {
    const result = await pool.query({ name: statementName(sql), text: sql, values: params });
    return result.rows as T[];
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}

/**
 * Names by statement text. The texts are the API's own, each built from a fixed set of parts (a list's
 * filters, the caller's visibility rule), so the map holds a few dozen entries however long it runs.
 */
const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `api_${createHash('sha1').update(sql).digest('base64url')}`;
    statementNames.set(sql, name);
  }
  return name;
}
