import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Internships (tirocini) hosted by Board companies. */
export class Internships1763700000400 implements MigrationInterface {
  name = 'Internships1763700000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE internship_status AS ENUM ('active', 'completed', 'interrupted')`);
    // The regional rules (allowance floor, length, host quota) are configurable, so they live in the
    // service; the table keeps only what no configuration can relax. ends_on is the last day.
    await db.query(`
      CREATE TABLE internships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        company_id uuid NOT NULL REFERENCES companies (id),
        opening_id uuid REFERENCES openings (id),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        monthly_allowance_cents bigint NOT NULL,
        tutor_name varchar(200) NOT NULL,
        status internship_status NOT NULL DEFAULT 'active',
        outcome varchar(500),
        ended_at timestamptz,
        created_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_internships_dates CHECK (ends_on > starts_on),
        CONSTRAINT chk_internships_allowance CHECK (monthly_allowance_cents > 0),
        CONSTRAINT chk_internships_ended_at CHECK ((status = 'active') = (ended_at IS NULL))
      )`);
    await db.query(`CREATE INDEX idx_internships_case_id ON internships (case_id)`);
    // Serves the host quota: the company's active internships overlapping a date range.
    await db.query(
      `CREATE INDEX idx_internships_company_status_dates ON internships (company_id, status, starts_on, ends_on)`,
    );
    await db.query(`CREATE INDEX idx_internships_opening_id ON internships (opening_id)`);
    await db.query(`CREATE INDEX idx_internships_created_by_id ON internships (created_by_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS internships`);
    await db.query(`DROP TYPE IF EXISTS internship_status`);
  }
}
