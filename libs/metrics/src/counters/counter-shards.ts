import { randomInt } from 'node:crypto';
import { COUNTER_SHARDS, SINGLE_ROW_METRICS } from './metric.constant.js';

/** The shard a transaction adds to: any, as long as concurrent transactions rarely pick the same. */
export function randomCounterShard(): number {
  return randomInt(COUNTER_SHARDS);
}

/**
 * The statement adding deltas to the counters, for a caller that folds it into a statement of its own
 * as a CTE. `rows` is a query yielding (name, delta), `shard` an SQL expression of the shard; counters
 * with milestones always go to shard 0. Rows are locked in name order, the order the INSERT consumes
 * them, so two transactions never lock the same rows in opposite orders. Answers (name, value) of the
 * rows it changed: a single-row counter's value is its total.
 */
export function counterUpsertSql(rows: string, shard: string): string {
  const singleRow = SINGLE_ROW_METRICS.map((name) => `'${name}'`).join(', ');
  return `INSERT INTO metric_counter_shards (name, shard, value)
    SELECT name, CASE WHEN name IN (${singleRow}) THEN 0 ELSE ${shard} END, delta
    FROM (${rows}) AS deltas
    WHERE delta <> 0
    ORDER BY name
    ON CONFLICT (name, shard) DO UPDATE SET value = metric_counter_shards.value + EXCLUDED.value
    RETURNING name, value`;
}
