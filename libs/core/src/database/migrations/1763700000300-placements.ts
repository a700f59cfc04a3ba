import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The placements ledger (one row per contract) and the +3/+6/+12-month follow-ups of each new placement. */
export class Placements1763700000300 implements MigrationInterface {
  name = 'Placements1763700000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TYPE placement_contract_type AS ENUM ('permanent', 'fixed_term', 'apprenticeship', 'temporary_agency', 'other', 'self_employment')`,
    );
    await db.query(`CREATE TYPE placement_kind AS ENUM ('new', 'extension', 'conversion')`);
    await db.query(`CREATE TYPE placement_source AS ENUM ('direct', 'proposal', 'grant')`);
    await db.query(`
      CREATE TABLE placements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        beneficiary_id uuid NOT NULL REFERENCES beneficiaries (id),
        company_id uuid REFERENCES companies (id),
        opening_id uuid REFERENCES openings (id),
        contract_type placement_contract_type NOT NULL,
        kind placement_kind NOT NULL DEFAULT 'new',
        extends_placement_id uuid REFERENCES placements (id),
        starts_on date NOT NULL,
        hours_per_week numeric(4,1),
        source placement_source NOT NULL DEFAULT 'direct',
        source_id uuid,
        created_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_placements_company CHECK (contract_type = 'self_employment' OR company_id IS NOT NULL),
        CONSTRAINT chk_placements_opening_company CHECK (opening_id IS NULL OR company_id IS NOT NULL),
        CONSTRAINT chk_placements_extends CHECK ((kind = 'new') = (extends_placement_id IS NULL)),
        CONSTRAINT chk_placements_hours CHECK (hours_per_week IS NULL OR (hours_per_week > 0 AND hours_per_week <= 60)),
        CONSTRAINT chk_placements_source CHECK (source <> 'direct' OR source_id IS NULL)
      )`);
    // One new placement per case, true under concurrent requests; extensions and conversions add contracts.
    await db.query(
      `CREATE UNIQUE INDEX uq_placements_new_per_case ON placements (case_id) WHERE kind = 'new'`,
    );
    // A hired proposal or a started business yields one contract, even if the hire is submitted twice.
    await db.query(
      `CREATE UNIQUE INDEX uq_placements_source ON placements (source, source_id) WHERE source_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX idx_placements_case_starts_on ON placements (case_id, starts_on)`);
    await db.query(`CREATE INDEX idx_placements_beneficiary_id ON placements (beneficiary_id)`);
    await db.query(`CREATE INDEX idx_placements_company_id ON placements (company_id)`);
    await db.query(`CREATE INDEX idx_placements_opening_id ON placements (opening_id)`);
    await db.query(`CREATE INDEX idx_placements_extends_placement_id ON placements (extends_placement_id)`);
    await db.query(`CREATE INDEX idx_placements_starts_on ON placements (starts_on)`);
    await db.query(`CREATE INDEX idx_placements_created_by_id ON placements (created_by_id)`);
    await db.query(
      `ALTER TABLE proposals ADD CONSTRAINT fk_proposals_placement_id FOREIGN KEY (placement_id) REFERENCES placements (id)`,
    );

    await db.query(`
      CREATE TABLE follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        placement_id uuid NOT NULL REFERENCES placements (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        months_after smallint NOT NULL,
        due_on date NOT NULL,
        recorded_at timestamptz,
        employed boolean,
        notes text,
        recorded_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_follow_ups_placement_months UNIQUE (placement_id, months_after),
        CONSTRAINT chk_follow_ups_months_after CHECK (months_after IN (3, 6, 12)),
        CONSTRAINT chk_follow_ups_recorded CHECK ((recorded_at IS NULL) = (employed IS NULL))
      )`);
    await db.query(`CREATE INDEX idx_follow_ups_case_id ON follow_ups (case_id)`);
    await db.query(`CREATE INDEX idx_follow_ups_due_on ON follow_ups (due_on)`);
    await db.query(
      `CREATE INDEX idx_follow_ups_open_due_on ON follow_ups (due_on) WHERE recorded_at IS NULL`,
    );
    await db.query(`CREATE INDEX idx_follow_ups_recorded_by_id ON follow_ups (recorded_by_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS follow_ups`);
    await db.query(`ALTER TABLE proposals DROP CONSTRAINT IF EXISTS fk_proposals_placement_id`);
    await db.query(`DROP TABLE IF EXISTS placements`);
    for (const type of ['placement_source', 'placement_kind', 'placement_contract_type']) {
      await db.query(`DROP TYPE IF EXISTS ${type}`);
    }
  }
}
