import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763700000000 implements MigrationInterface {
  name = 'InitialSchema1763700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await db.query(`CREATE TYPE user_role AS ENUM ('admin', 'coordinator', 'counsellor', 'company')`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        password_hash varchar(255) NOT NULL,
        full_name varchar(200) NOT NULL,
        role user_role NOT NULL,
        company_id uuid,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_users_company_role CHECK ((role = 'company') = (company_id IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_users_email ON users (lower(email))`);
    await db.query(`CREATE INDEX idx_users_role ON users (role)`);
    await db.query(`CREATE INDEX idx_users_company_id ON users (company_id)`);

    await db.query(`CREATE TYPE beneficiary_gender AS ENUM ('F', 'M', 'X')`);
    await db.query(
      `CREATE TYPE employment_status AS ENUM ('unemployed', 'long_term_unemployed', 'inactive', 'employed')`,
    );
    await db.query(
      `CREATE TYPE referral_source AS ENUM ('parish', 'caritas', 'social_services', 'job_centre', 'web', 'word_of_mouth', 'other')`,
    );
    await db.query(`
      CREATE TABLE beneficiaries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        first_name varchar(100) NOT NULL,
        last_name varchar(100) NOT NULL,
        fiscal_code varchar(16) NOT NULL,
        birth_date date,
        gender beneficiary_gender,
        email varchar(254),
        phone varchar(32),
        municipality varchar(100),
        citizenship char(2),
        education_level smallint CHECK (education_level BETWEEN 0 AND 8),
        employment_status employment_status,
        disability boolean NOT NULL DEFAULT false,
        vulnerabilities text[] NOT NULL DEFAULT '{}',
        skills text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        referral_source referral_source,
        privacy_consent_at timestamptz NOT NULL,
        created_by_id uuid REFERENCES users (id),
        erased_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_beneficiaries_fiscal_code ON beneficiaries (fiscal_code)`);
    await db.query(
      `CREATE INDEX idx_beneficiaries_last_name ON beneficiaries (lower(last_name) text_pattern_ops)`,
    );
    await db.query(
      `CREATE INDEX idx_beneficiaries_first_name ON beneficiaries (lower(first_name) text_pattern_ops)`,
    );
    await db.query(`CREATE INDEX idx_beneficiaries_created_by_id ON beneficiaries (created_by_id)`);
    await db.query(`CREATE INDEX idx_beneficiaries_created_at ON beneficiaries (created_at)`);

    await db.query(
      `CREATE TYPE case_status AS ENUM ('intake', 'orientation', 'training', 'internship', 'job_search', 'self_employment', 'placed', 'on_hold', 'closed')`,
    );
    await db.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES beneficiaries (id),
        counsellor_id uuid NOT NULL REFERENCES users (id),
        status case_status NOT NULL DEFAULT 'intake',
        status_before_hold case_status,
        closed_reason varchar(40),
        opened_at timestamptz NOT NULL DEFAULT now(),
        placed_at timestamptz,
        closed_at timestamptz,
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        inactivity_flagged_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open case per person, true under concurrent requests.
    await db.query(
      `CREATE UNIQUE INDEX uq_cases_open_per_beneficiary ON cases (beneficiary_id) WHERE status <> 'closed'`,
    );
    await db.query(`CREATE INDEX idx_cases_beneficiary_id ON cases (beneficiary_id)`);
    await db.query(`CREATE INDEX idx_cases_counsellor_status ON cases (counsellor_id, status)`);
    await db.query(`CREATE INDEX idx_cases_status_opened_at ON cases (status, opened_at)`);
    await db.query(`CREATE INDEX idx_cases_opened_at ON cases (opened_at)`);

    // Transactional outbox and case timeline in one table: written with the domain change, relayed to
    // BullMQ, marked applied by the engine.
    await db.query(`
      CREATE TABLE case_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sequence bigint GENERATED ALWAYS AS IDENTITY,
        case_id uuid NOT NULL REFERENCES cases (id),
        type varchar(60) NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        actor_id uuid,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        applied_at timestamptz,
        from_state case_status,
        to_state case_status,
        outcome varchar(200)
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_case_events_sequence ON case_events (sequence)`);
    await db.query(`CREATE INDEX idx_case_events_case_sequence ON case_events (case_id, sequence)`);
    await db.query(
      `CREATE INDEX idx_case_events_unapplied ON case_events (sequence) WHERE applied_at IS NULL`,
    );
    await db.query(`CREATE INDEX idx_case_events_type_occurred ON case_events (type, occurred_at)`);

    await db.query(
      `CREATE TYPE interview_triage AS ENUM ('ready_for_placement', 'needs_training', 'out_of_target')`,
    );
    await db.query(`
      CREATE TABLE interviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        scheduled_at timestamptz NOT NULL,
        held_at timestamptz,
        triage interview_triage,
        notes text,
        skills text[] NOT NULL DEFAULT '{}',
        action_plan text,
        created_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX idx_interviews_case_id ON interviews (case_id)`);
    await db.query(`CREATE INDEX idx_interviews_held_at ON interviews (held_at)`);

    await db.query(`
      CREATE TABLE metric_counters (
        name varchar(80) PRIMARY KEY,
        value bigint NOT NULL DEFAULT 0
      )`);
    await db.query(`
      CREATE TABLE people_placed (
        beneficiary_id uuid PRIMARY KEY REFERENCES beneficiaries (id),
        first_placed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE milestones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        metric varchar(80) NOT NULL,
        threshold integer NOT NULL CHECK (threshold > 0),
        reached_at timestamptz NOT NULL DEFAULT now(),
        placement_id uuid,
        case_event_id uuid REFERENCES case_events (id),
        CONSTRAINT uq_milestones_metric_threshold UNIQUE (metric, threshold)
      )`);

    await db.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_role user_role,
        action varchar(40) NOT NULL,
        entity_type varchar(40) NOT NULL,
        entity_id uuid,
        beneficiary_id uuid,
        details jsonb NOT NULL DEFAULT '{}',
        request_id varchar(100)
      )`);
    await db.query(`CREATE INDEX idx_audit_log_beneficiary_at ON audit_log (beneficiary_id, at)`);
    await db.query(`CREATE INDEX idx_audit_log_actor_at ON audit_log (actor_id, at)`);
    await db.query(`CREATE INDEX idx_audit_log_at ON audit_log (at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'milestones',
      'people_placed',
      'metric_counters',
      'interviews',
      'case_events',
      'cases',
      'beneficiaries',
      'users',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const type of [
      'interview_triage',
      'case_status',
      'referral_source',
      'employment_status',
      'beneficiary_gender',
      'user_role',
    ]) {
      await db.query(`DROP TYPE IF EXISTS ${type}`);
    }
  }
}
