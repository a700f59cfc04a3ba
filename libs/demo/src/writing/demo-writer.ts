import type { EntityManager } from 'typeorm';
import type { DemoWorld } from '../generation/world.js';

/** Rows per INSERT: a few MB of JSON, thousands of rows per round trip. */
const BATCH = 5000;

/**
 * The columns each table gets from the generated rows, with their types as `jsonb_to_recordset` reads
 * them (enums by their PostgreSQL type, arrays as text[]). Columns not listed keep their defaults
 * (cases start in `intake`, versions at 1).
 */
const COLUMNS = {
  companies:
    'id uuid, name text, vat_number text, ateco_code text, municipality text, employees int, board_member_since date, created_at timestamptz, updated_at timestamptz',
  funding_lines:
    'id uuid, code text, name text, fund text, cup text, programmed_cents bigint, committed_cents bigint, disbursed_cents bigint, created_by_id uuid, created_at timestamptz, updated_at timestamptz',
  courses:
    'id uuid, title text, provider text, hours int, starts_on date, ends_on date, capacity int, created_by_id uuid, created_at timestamptz, updated_at timestamptz',
  beneficiaries:
    'id uuid, first_name text, last_name text, fiscal_code text, birth_date date, gender beneficiary_gender, email text, phone text, municipality text, citizenship text, education_level smallint, employment_status employment_status, disability boolean, vulnerabilities text[], skills text[], languages text[], referral_source referral_source, privacy_consent_at timestamptz, created_by_id uuid, created_at timestamptz, updated_at timestamptz',
  cases:
    'id uuid, beneficiary_id uuid, counsellor_id uuid, opened_at timestamptz, last_activity_at timestamptz, created_at timestamptz, updated_at timestamptz',
  interviews:
    'id uuid, case_id uuid, scheduled_at timestamptz, held_at timestamptz, triage interview_triage, notes text, skills text[], action_plan text, created_by_id uuid, created_at timestamptz, updated_at timestamptz',
  openings:
    'id uuid, company_id uuid, title text, description text, positions int, hires int, contract_type opening_contract_type, municipality text, closes_on date, skills text[], status opening_status, created_by_id uuid, created_at timestamptz, updated_at timestamptz',
  enrollments:
    'id uuid, course_id uuid, case_id uuid, status enrollment_status, qualification text, enrolled_at timestamptz, ended_at timestamptz, created_by_id uuid, created_at timestamptz, updated_at timestamptz',
  internships:
    'id uuid, case_id uuid, company_id uuid, opening_id uuid, starts_on date, ends_on date, monthly_allowance_cents bigint, tutor_name text, status internship_status, outcome text, ended_at timestamptz, created_by_id uuid, created_at timestamptz, updated_at timestamptz',
  placements:
    'id uuid, case_id uuid, beneficiary_id uuid, company_id uuid, opening_id uuid, contract_type placement_contract_type, kind placement_kind, extends_placement_id uuid, starts_on date, hours_per_week numeric, source placement_source, source_id uuid, created_by_id uuid, created_at timestamptz, updated_at timestamptz',
  proposals:
    'id uuid, opening_id uuid, case_id uuid, note text, status proposal_status, feedback text, placement_id uuid, proposed_by_id uuid, created_at timestamptz, updated_at timestamptz',
  follow_ups:
    'id uuid, placement_id uuid, case_id uuid, months_after smallint, due_on date, recorded_at timestamptz, employed boolean, notes text, recorded_by_id uuid, created_at timestamptz, updated_at timestamptz',
  grants:
    'id uuid, case_id uuid, funding_line_id uuid, business_name text, ateco_code text, plan_summary text, requested_cents bigint, approved_cents bigint, disbursed_cents bigint, status grant_status, submitted_at timestamptz, decided_at timestamptz, decided_by_id uuid, rejection_reason text, business_started_on date, vat_number text, placement_id uuid, created_by_id uuid, created_at timestamptz, updated_at timestamptz',
  disbursements:
    'id uuid, grant_id uuid, amount_cents bigint, paid_on date, recorded_by_id uuid, created_at timestamptz',
} as const;

type Table = keyof typeof COLUMNS;

function columnNames(table: Table): string {
  return COLUMNS[table]
    .split(',')
    .map((definition) => definition.trim().split(' ')[0])
    .join(', ');
}

async function insert(manager: EntityManager, table: Table, rows: readonly object[]): Promise<void> {
  const names = columnNames(table);
  for (let start = 0; start < rows.length; start += BATCH) {
    await manager.query(
      `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${COLUMNS[table]})`,
      [JSON.stringify(rows.slice(start, start + BATCH))],
    );
  }
}

/**
 * Writes the events in history order, so their sequence numbers (an identity column) follow the order
 * things happened: within a case that is the order the engine must apply them in. They are marked
 * published, as the relay would have: the seeder applies them itself, and a running relay must not
 * hand them to BullMQ again.
 */
async function insertEvents(manager: EntityManager, world: DemoWorld): Promise<void> {
  for (let start = 0; start < world.events.length; start += BATCH) {
    await manager.query(
      `INSERT INTO case_events (id, case_id, type, payload, actor_id, occurred_at, published_at)
       SELECT id, case_id, type, payload, actor_id, occurred_at, now()
         FROM jsonb_to_recordset($1::jsonb)
           AS r(id uuid, case_id uuid, type text, payload jsonb, actor_id uuid, occurred_at timestamptz, ord int)
        ORDER BY ord`,
      [JSON.stringify(world.events.slice(start, start + BATCH))],
    );
  }
}

/**
 * Writes the generated world in foreign-key order, set-based. New contracts go before the renewals
 * that extend them (a renewal always extends an earlier contract).
 */
export async function writeWorld(manager: EntityManager, world: DemoWorld): Promise<void> {
  const { rows } = world;
  const placements = [...rows.placements].sort(
    (a, b) => Number(a.kind !== 'new') - Number(b.kind !== 'new') || a.created_at.localeCompare(b.created_at),
  );
  await insert(manager, 'companies', world.companies);
  await insert(manager, 'funding_lines', [world.fundingLine]);
  await insert(manager, 'courses', world.courses);
  await insert(manager, 'beneficiaries', world.beneficiaries);
  await insert(manager, 'cases', world.cases);
  await insert(manager, 'interviews', rows.interviews);
  await insert(manager, 'openings', world.openings);
  await insert(manager, 'enrollments', rows.enrollments);
  await insert(manager, 'internships', rows.internships);
  await insert(manager, 'placements', placements);
  await insert(manager, 'proposals', rows.proposals);
  await insert(manager, 'follow_ups', rows.followUps);
  await insert(manager, 'grants', rows.grants);
  await insert(manager, 'disbursements', rows.disbursements);
  await insertEvents(manager, world);
}
