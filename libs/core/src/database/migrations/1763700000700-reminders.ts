import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminders the scheduled sweeps leave for counsellors: follow-ups due or overdue, idle cases, internships ending. */
export class Reminders1763700000700 implements MigrationInterface {
  name = 'Reminders1763700000700';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TYPE reminder_kind AS ENUM ('follow_up_due', 'follow_up_overdue', 'case_inactive', 'internship_ending')`,
    );
    // subject_id is the follow-up, internship or case the reminder is about; it names rows of different
    // tables by kind, so it has no foreign key (case_id has one).
    await db.query(`
      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        counsellor_id uuid NOT NULL REFERENCES users (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        kind reminder_kind NOT NULL,
        subject_id uuid NOT NULL,
        due_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT uq_reminders_kind_subject_due UNIQUE (kind, subject_id, due_on)
      )`);
    await db.query(`CREATE INDEX idx_reminders_counsellor_read_at ON reminders (counsellor_id, read_at)`);
    await db.query(`CREATE INDEX idx_reminders_case_id ON reminders (case_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS reminders`);
    await db.query(`DROP TYPE IF EXISTS reminder_kind`);
  }
}
