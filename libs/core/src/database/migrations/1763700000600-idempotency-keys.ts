import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1763700000600 implements MigrationInterface {
  name = 'IdempotencyKeys1763700000600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key varchar(200) NOT NULL,
        method varchar(10) NOT NULL,
        path varchar(500) NOT NULL,
        request_hash char(64) NOT NULL,
        response_status smallint,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (user_id, key)
      )`);
    await db.query(`CREATE INDEX idx_idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
