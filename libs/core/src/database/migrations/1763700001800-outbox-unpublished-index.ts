import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The outbox relay claims the events not yet published through an index of those alone. Through the
 * index of unapplied events, a claim read every event published and not yet applied before reaching the
 * fresh ones: with 19,500 of them queued in BullMQ (a worker slower than the API, or stopped) a claim
 * took 9.1 ms instead of 0.27 ms, at every relay pass, that is at nearly every API write. Events
 * published long ago and still unapplied are looked for apart, at most once per poll interval
 * (docs/DECISIONS.md).
 *
 * Publishing an event seldom was a HOT update anyway (outbox pages are full), so the new index adds one
 * entry per event, written with it.
 */
export class OutboxUnpublishedIndex1763700001800 implements MigrationInterface {
  name = 'OutboxUnpublishedIndex1763700001800';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX idx_case_events_unpublished ON case_events (sequence)
       WHERE applied_at IS NULL AND published_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX idx_case_events_unpublished');
  }
}
