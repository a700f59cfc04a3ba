import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that let the reports (libs/reports, docs/reports.md) read a window of facts without touching
 * the tables' heaps: each covers the date a report filters on plus the columns it aggregates, so a year of
 * 10^6-case data is read by index-only scans. Measured on a 10^6-case, 10^7-event database (docs/reports.md).
 *
 * IF NOT EXISTS: on a large live database they can be built beforehand with CREATE INDEX CONCURRENTLY under
 * the same names (this migration, run in a transaction, cannot), and the migration then does nothing.
 */
export class ReportIndexes1763700000800 implements MigrationInterface {
  name = 'ReportIndexes1763700000800';

  async up(db: QueryRunner): Promise<void> {
    // Intakes and FSE+ participants: the cases opened in the window, with what the reports read of them.
    await db.query(
      `CREATE INDEX IF NOT EXISTS idx_cases_opened_at_report ON cases (opened_at)
         INCLUDE (id, counsellor_id, beneficiary_id, placed_at, closed_at, closed_reason)`,
    );
    // Interviews held in the window, with their triage.
    await db.query(
      `CREATE INDEX IF NOT EXISTS idx_interviews_held_at_report ON interviews (held_at)
         INCLUDE (case_id, triage) WHERE held_at IS NOT NULL`,
    );
    // The first held interview of a case (time to placement): one index probe, no heap.
    await db.query(
      `CREATE INDEX IF NOT EXISTS idx_interviews_case_held_at ON interviews (case_id, held_at)
         WHERE held_at IS NOT NULL`,
    );
    // Contracts starting in the window.
    await db.query(
      `CREATE INDEX IF NOT EXISTS idx_placements_starts_on_report ON placements (starts_on)
         INCLUDE (case_id, beneficiary_id, company_id, contract_type, kind)`,
    );
    // Internship conversion: did the case later sign with the host company?
    await db.query(
      `CREATE INDEX IF NOT EXISTS idx_placements_case_company_starts_on ON placements (case_id, company_id, starts_on)`,
    );
    // Internships starting in the window (there was no index on their dates outside the host quota's).
    await db.query(
      `CREATE INDEX IF NOT EXISTS idx_internships_starts_on ON internships (starts_on) INCLUDE (case_id, company_id)`,
    );
    // Retention: the +6 and +12-month follow-ups due in the window.
    await db.query(
      `CREATE INDEX IF NOT EXISTS idx_follow_ups_due_on_report ON follow_ups (due_on)
         INCLUDE (months_after, case_id, placement_id, recorded_at, employed) WHERE months_after IN (6, 12)`,
    );
    // FSE+ employment six months after leaving.
    await db.query(
      `CREATE INDEX IF NOT EXISTS idx_follow_ups_employed_six_months ON follow_ups (case_id)
         WHERE months_after = 6 AND employed`,
    );
    // FSE+ job searching: the state each closed case left from. Partial, so the engine's writes of every
    // other event never touch it (one entry per closed case, out of ten or so events per case).
    await db.query(
      `CREATE INDEX IF NOT EXISTS idx_case_events_closed ON case_events (case_id) INCLUDE (from_state)
         WHERE to_state = 'closed'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of [
      'idx_case_events_closed',
      'idx_follow_ups_employed_six_months',
      'idx_follow_ups_due_on_report',
      'idx_internships_starts_on',
      'idx_placements_case_company_starts_on',
      'idx_placements_starts_on_report',
      'idx_interviews_case_held_at',
      'idx_interviews_held_at_report',
      'idx_cases_opened_at_report',
    ]) {
      await db.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
