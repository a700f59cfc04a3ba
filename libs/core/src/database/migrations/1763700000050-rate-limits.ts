import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login attempt counters shared by every API replica (an in-memory counter would give each replica its
 * own budget). UNLOGGED: the counters are disposable, so they skip the WAL; a crash only resets them.
 */
export class RateLimits1763700000050 implements MigrationInterface {
  name = 'RateLimits1763700000050';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE rate_limits (
        key varchar(128) PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await db.query(`CREATE INDEX idx_rate_limits_window_ends_at ON rate_limits (window_ends_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS rate_limits`);
  }
}
