import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Funding lines, self-employment grants and their disbursements. Running totals (committed and disbursed
 * on the line, disbursed on the grant) are kept beside the ledger, written under row locks in the same
 * transaction as the ledger row; the CHECK constraints make "never over budget" true even if a code path
 * forgot a lock.
 */
export class Grants1763700000500 implements MigrationInterface {
  name = 'Grants1763700000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE funding_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(50) NOT NULL,
        name varchar(200) NOT NULL,
        fund varchar(50) NOT NULL,
        cup char(15) NOT NULL,
        programmed_cents bigint NOT NULL,
        committed_cents bigint NOT NULL DEFAULT 0,
        disbursed_cents bigint NOT NULL DEFAULT 0,
        created_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_funding_lines_code UNIQUE (code),
        CONSTRAINT chk_funding_lines_cup CHECK (cup ~ '^[A-Z0-9]{15}$'),
        CONSTRAINT chk_funding_lines_programmed CHECK (programmed_cents > 0),
        CONSTRAINT chk_funding_lines_committed CHECK (committed_cents >= 0 AND committed_cents <= programmed_cents),
        CONSTRAINT chk_funding_lines_disbursed CHECK (disbursed_cents >= 0 AND disbursed_cents <= committed_cents)
      )`);
    await db.query(`CREATE INDEX idx_funding_lines_created_by_id ON funding_lines (created_by_id)`);

    await db.query(`CREATE TYPE grant_status AS ENUM ('draft', 'submitted', 'approved', 'rejected')`);
    await db.query(`
      CREATE TABLE grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        funding_line_id uuid NOT NULL REFERENCES funding_lines (id),
        business_name varchar(200) NOT NULL,
        ateco_code varchar(8) NOT NULL,
        plan_summary text NOT NULL,
        requested_cents bigint NOT NULL,
        approved_cents bigint,
        disbursed_cents bigint NOT NULL DEFAULT 0,
        status grant_status NOT NULL DEFAULT 'draft',
        submitted_at timestamptz,
        decided_at timestamptz,
        decided_by_id uuid REFERENCES users (id),
        rejection_reason text,
        business_started_on date,
        vat_number char(11),
        placement_id uuid REFERENCES placements (id),
        created_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_grants_placement_id UNIQUE (placement_id),
        CONSTRAINT chk_grants_ateco_code CHECK (ateco_code ~ '^[0-9]{2}(\\.[0-9]{1,2}|\\.[0-9]{2}\\.[0-9]{1,2})?$'),
        CONSTRAINT chk_grants_requested CHECK (requested_cents > 0),
        CONSTRAINT chk_grants_approved CHECK (
          (status = 'approved') = (approved_cents IS NOT NULL)
          AND (approved_cents IS NULL OR (approved_cents > 0 AND approved_cents <= requested_cents))
        ),
        CONSTRAINT chk_grants_disbursed CHECK (disbursed_cents >= 0 AND disbursed_cents <= coalesce(approved_cents, 0)),
        CONSTRAINT chk_grants_submitted CHECK ((status = 'draft') = (submitted_at IS NULL)),
        CONSTRAINT chk_grants_decided CHECK ((status IN ('approved', 'rejected')) = (decided_at IS NOT NULL)),
        CONSTRAINT chk_grants_rejection_reason CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL)),
        CONSTRAINT chk_grants_vat_number CHECK (vat_number ~ '^[0-9]{11}$'),
        CONSTRAINT chk_grants_business_started CHECK (
          (placement_id IS NULL) = (business_started_on IS NULL)
          AND (placement_id IS NULL) = (vat_number IS NULL)
          AND (placement_id IS NULL OR status = 'approved')
        )
      )`);
    await db.query(`CREATE INDEX idx_grants_case_id ON grants (case_id)`);
    await db.query(`CREATE INDEX idx_grants_funding_line_status ON grants (funding_line_id, status)`);
    await db.query(`CREATE INDEX idx_grants_status ON grants (status)`);
    await db.query(`CREATE INDEX idx_grants_decided_by_id ON grants (decided_by_id)`);
    await db.query(`CREATE INDEX idx_grants_created_by_id ON grants (created_by_id)`);

    await db.query(`
      CREATE TABLE disbursements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL REFERENCES grants (id),
        amount_cents bigint NOT NULL,
        paid_on date NOT NULL,
        recorded_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_disbursements_amount CHECK (amount_cents > 0)
      )`);
    await db.query(`CREATE INDEX idx_disbursements_grant_paid_on ON disbursements (grant_id, paid_on)`);
    await db.query(`CREATE INDEX idx_disbursements_recorded_by_id ON disbursements (recorded_by_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS disbursements`);
    await db.query(`DROP TABLE IF EXISTS grants`);
    await db.query(`DROP TYPE IF EXISTS grant_status`);
    await db.query(`DROP TABLE IF EXISTS funding_lines`);
  }
}
