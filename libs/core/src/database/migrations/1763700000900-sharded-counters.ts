import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters split into shards: the engine adds to one shard of a counter chosen at random, so concurrent
 * events no longer queue behind one hot row's lock until each commit is flushed. `metric_counters`
 * becomes a view summing the shards, so every reader keeps reading one row per counter. A counter with
 * milestones keeps a single shard (0): its row lock is what orders the crossings (docs/DECISIONS.md).
 */
export class ShardedCounters1763700000900 implements MigrationInterface {
  name = 'ShardedCounters1763700000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE metric_counter_shards (
        name varchar(80) NOT NULL,
        shard smallint NOT NULL CHECK (shard >= 0),
        value bigint NOT NULL DEFAULT 0,
        CONSTRAINT pk_metric_counter_shards PRIMARY KEY (name, shard)
      )`);
    await db.query(
      `INSERT INTO metric_counter_shards (name, shard, value) SELECT name, 0, value FROM metric_counters`,
    );
    await db.query(`DROP TABLE metric_counters`);
    await db.query(`
      CREATE VIEW metric_counters AS
      SELECT name, sum(value)::bigint AS value FROM metric_counter_shards GROUP BY name`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW metric_counters`);
    await db.query(`
      CREATE TABLE metric_counters (
        name varchar(80) PRIMARY KEY,
        value bigint NOT NULL DEFAULT 0
      )`);
    await db.query(
      `INSERT INTO metric_counters (name, value) SELECT name, sum(value) FROM metric_counter_shards GROUP BY name`,
    );
    await db.query(`DROP TABLE metric_counter_shards`);
  }
}
