import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Board companies, their openings and the candidates counsellors propose to them. */
export class Companies1763700000100 implements MigrationInterface {
  name = 'Companies1763700000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        vat_number char(11) NOT NULL,
        ateco_code varchar(8) NOT NULL,
        municipality varchar(100) NOT NULL,
        employees integer NOT NULL,
        board_member_since date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_companies_vat_number UNIQUE (vat_number),
        CONSTRAINT chk_companies_vat_number CHECK (vat_number ~ '^[0-9]{11}$'),
        CONSTRAINT chk_companies_ateco_code CHECK (ateco_code ~ '^[0-9]{2}(\\.[0-9]{1,2}|\\.[0-9]{2}\\.[0-9]{1,2})?$'),
        CONSTRAINT chk_companies_employees CHECK (employees >= 0)
      )`);
    // Name search is a prefix match on the lower-cased name.
    await db.query(`CREATE INDEX idx_companies_name ON companies (lower(name) text_pattern_ops)`);

    // Company users must belong to an existing company.
    await db.query(
      `ALTER TABLE users ADD CONSTRAINT fk_users_company_id FOREIGN KEY (company_id) REFERENCES companies (id)`,
    );

    await db.query(
      `CREATE TYPE opening_contract_type AS ENUM ('permanent', 'fixed_term', 'apprenticeship', 'temporary_agency', 'other')`,
    );
    await db.query(`CREATE TYPE opening_status AS ENUM ('open', 'closed', 'filled')`);
    await db.query(`
      CREATE TABLE openings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies (id),
        title varchar(200) NOT NULL,
        description text NOT NULL,
        positions integer NOT NULL,
        hires integer NOT NULL DEFAULT 0,
        contract_type opening_contract_type NOT NULL,
        municipality varchar(100) NOT NULL,
        closes_on date NOT NULL,
        skills text[] NOT NULL DEFAULT '{}',
        status opening_status NOT NULL DEFAULT 'open',
        created_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_openings_positions CHECK (positions >= 1),
        CONSTRAINT chk_openings_hires CHECK (hires >= 0 AND hires <= positions),
        CONSTRAINT chk_openings_filled CHECK ((status = 'filled') = (hires = positions)),
        -- The skill filter is an exact match on lower-cased elements, served by the GIN index.
        CONSTRAINT chk_openings_skills_lower_case CHECK (skills::text = lower(skills::text))
      )`);
    await db.query(`CREATE INDEX idx_openings_company_id ON openings (company_id)`);
    await db.query(`CREATE INDEX idx_openings_status_created_at ON openings (status, created_at)`);
    await db.query(`CREATE INDEX idx_openings_skills ON openings USING gin (skills)`);
    await db.query(`CREATE INDEX idx_openings_created_by_id ON openings (created_by_id)`);

    await db.query(`CREATE TYPE proposal_status AS ENUM ('proposed', 'interviewing', 'hired', 'rejected')`);
    // placement_id gets its foreign key in the placements migration, which creates that table.
    await db.query(`
      CREATE TABLE proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        opening_id uuid NOT NULL REFERENCES openings (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        note text NOT NULL,
        status proposal_status NOT NULL DEFAULT 'proposed',
        feedback text,
        placement_id uuid,
        proposed_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_proposals_opening_case UNIQUE (opening_id, case_id),
        CONSTRAINT chk_proposals_hired_placement CHECK ((status = 'hired') = (placement_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX idx_proposals_opening_status ON proposals (opening_id, status)`);
    await db.query(`CREATE INDEX idx_proposals_case_id ON proposals (case_id)`);
    await db.query(`CREATE UNIQUE INDEX uq_proposals_placement_id ON proposals (placement_id)`);
    await db.query(`CREATE INDEX idx_proposals_proposed_by_id ON proposals (proposed_by_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS proposals`);
    await db.query(`DROP TABLE IF EXISTS openings`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS fk_users_company_id`);
    await db.query(`DROP TABLE IF EXISTS companies`);
    for (const type of ['proposal_status', 'opening_status', 'opening_contract_type']) {
      await db.query(`DROP TYPE IF EXISTS ${type}`);
    }
  }
}
