import pg from 'pg';
import { elapsedMs } from './measure.js';

/**
 * A programme's history at scale, written with set-based SQL (generate_series) straight into a bench
 * database: people, their cases, interviews, courses and enrollments, internships, placements and their
 * follow-ups, the timeline of case events, people placed, counters and milestones, all consistent with
 * each other. Cases open between DATA_START and DATA_END; everything dated after DATA_END is left out.
 *
 * Loading is what takes time, so it is done the way a bulk load is done: foreign-key triggers off for the
 * loading sessions (the rows are consistent by construction), secondary indexes dropped and rebuilt
 * afterwards, two sessions in parallel, then VACUUM ANALYZE so the planner and the visibility map are
 * what a database that has lived with this data would have. The reports' read model, whose triggers are
 * off with the foreign keys', is filled afterwards in one pass.
 */
export const DATA_START = '2022-01-01';
export const DATA_END = '2026-06-30';

export interface ScalePlan {
  cases: number;
  interviewsPerCase: number;
  milestoneThresholds: number[];
}

export interface LoadedScale {
  seconds: number;
  rows: Record<string, number>;
  /** Whether foreign-key triggers could be switched off (needs a superuser); slower load otherwise. */
  fastPath: boolean;
}

const END = `date '${DATA_END}'`;
const COUNSELLORS = 60;
const COMPANIES = 1200;
const COURSES = 400;
const LOADED_TABLES = [
  'beneficiaries',
  'cases',
  'interviews',
  'enrollments',
  'internships',
  'placements',
  'follow_ups',
  'case_events',
  'people_placed',
];

/** The reports' read model (migrations 1763700001000 and 1763700001050), filled from the loaded tables. */
const READ_MODEL_TABLES = [
  'report_cases',
  'report_daily',
  'report_placements',
  'report_internships',
  'report_participants',
];

/**
 * One row per case with every decision of its story, so each table is one INSERT ... SELECT from it.
 * Each step is a LATERAL subquery fenced with OFFSET 0: inlined, the later steps would repeat the
 * expressions of the earlier ones they refer to, which made the plan thousands of times slower.
 */
const PLAN = `
CREATE UNLOGGED TABLE bench_plan AS
WITH base AS MATERIALIZED (
  SELECT i, random() r_open, random() r_age, random() r_gender, random() r_cit, random() r_emp, random() r_edu,
    random() r_dis, random() r_ref, random() r_held, random() r_triage, random() r_track, random() r_outcome,
    random() r_place, random() r_delay, random() r_contract, random() r_company, random() r_course,
    random() r_drop, random() r_counsellor, random() r_qual, random() r_follow, random() r_ext
  FROM generate_series(1, $1) i
)
SELECT b.i, b.r_ext, b.r_qual, b.r_follow,
  gen_random_uuid() AS beneficiary_id, gen_random_uuid() AS case_id, gen_random_uuid() AS placement_id,
  gen_random_uuid() AS enrollment_id, gen_random_uuid() AS internship_id,
  counsellor.id AS counsellor_id, course.id AS course_id, host.id AS host_company_id, other.id AS other_company_id,
  CASE WHEN b.r_gender < 0.52 THEN 'F' WHEN b.r_gender < 0.98 THEN 'M' ELSE 'X' END::beneficiary_gender AS gender,
  (s.opened_at - (CASE
     WHEN b.r_age < 0.02 THEN 16 + b.r_age / 0.02 * 1.9
     WHEN b.r_age < 0.32 THEN 18 + (b.r_age - 0.02) / 0.30 * 11.9
     WHEN b.r_age < 0.88 THEN 30 + (b.r_age - 0.32) / 0.56 * 24.9
     ELSE 55 + (b.r_age - 0.88) / 0.12 * 11.9 END) * interval '365.25 days')::date AS birth_date,
  CASE WHEN b.r_cit < 0.65 THEN 'IT'
    WHEN b.r_cit < 0.73 THEN (ARRAY['RO','PL','DE','FR','ES','BG'])[1 + floor((b.r_cit - 0.65) / 0.08 * 6)::int]
    ELSE (ARRAY['MA','AL','UA','NG','PK','SN','TN','PE','BD','EG'])[1 + floor((b.r_cit - 0.73) / 0.27 * 10)::int]
  END AS citizenship,
  CASE WHEN b.r_emp < 0.45 THEN 'unemployed' WHEN b.r_emp < 0.80 THEN 'long_term_unemployed'
    WHEN b.r_emp < 0.95 THEN 'inactive' ELSE 'employed' END::employment_status AS employment_status,
  (ARRAY[0,1,2,2,2,3,3,3,3,4,5,6,6,7,8])[1 + floor(b.r_edu * 15)::int] AS education_level,
  b.r_dis < 0.08 AS disability,
  (ARRAY['parish','caritas','social_services','job_centre','web','word_of_mouth','other'])[1 + floor(b.r_ref * 7)::int]::referral_source AS referral_source,
  s.opened_at, h.held, h.held_at, t.triage,
  e.enrollment_status, e0.enrolled_at, e0.enrollment_ends_at,
  i.internship_status, i0.starts_on AS internship_starts_on,
  p.placed, p0.starts_on AS placement_starts_on,
  CASE WHEN b.r_contract < 0.05 THEN 'self_employment' WHEN b.r_contract < 0.45 THEN 'fixed_term'
    WHEN b.r_contract < 0.65 THEN 'permanent' WHEN b.r_contract < 0.80 THEN 'apprenticeship'
    WHEN b.r_contract < 0.95 THEN 'temporary_agency' ELSE 'other' END::placement_contract_type AS contract_type,
  coalesce(i.internship_status = 'completed' AND b.r_company < 0.5, false) AS hired_by_host,
  f.completed, d.dropped, d.dropped_on, w.state_before_close,
  CASE
    WHEN t.triage = 'out_of_target' THEN 'closed'
    WHEN p.placed AND f.completed THEN 'closed'
    WHEN p.placed THEN 'placed'
    WHEN d.dropped THEN 'closed'
    ELSE w.state_before_close END::case_status AS status
FROM base b
JOIN bench_refs counsellor ON counsellor.kind = 'counsellor' AND counsellor.n = floor(b.r_counsellor * ${COUNSELLORS})
JOIN bench_refs course ON course.kind = 'course' AND course.n = floor(b.r_course * ${COURSES})
JOIN bench_refs host ON host.kind = 'company' AND host.n = floor(b.r_company * ${COMPANIES})
JOIN bench_refs other ON other.kind = 'company'
  AND other.n = floor((b.r_company * 7919 - floor(b.r_company * 7919)) * ${COMPANIES})
CROSS JOIN LATERAL (SELECT timestamptz '${DATA_START} 09:00:00+01'
  + b.r_open * (${END} - date '${DATA_START}' - 10) * interval '1 day' AS opened_at OFFSET 0) s
CROSS JOIN LATERAL (SELECT b.r_held < 0.93 AND s.opened_at::date + 14 <= ${END} AS held,
  s.opened_at + (3 + b.r_delay * 10) * interval '1 day' AS held_at OFFSET 0) h
CROSS JOIN LATERAL (SELECT CASE WHEN NOT h.held THEN NULL WHEN b.r_triage < 0.08 THEN 'out_of_target'
  WHEN b.r_triage < 0.43 THEN 'needs_training' ELSE 'ready_for_placement' END::interview_triage AS triage OFFSET 0) t
CROSS JOIN LATERAL (SELECT h.held_at + interval '10 days' AS enrolled_at,
  h.held_at + interval '100 days' AS enrollment_ends_at OFFSET 0) e0
CROSS JOIN LATERAL (SELECT CASE WHEN t.triage IS DISTINCT FROM 'needs_training' THEN NULL
  WHEN e0.enrollment_ends_at::date > ${END} THEN 'active'
  WHEN b.r_outcome < 0.8 THEN 'completed' ELSE 'dropped' END::enrollment_status AS enrollment_status OFFSET 0) e
CROSS JOIN LATERAL (SELECT t.triage IS NOT NULL AND t.triage <> 'out_of_target' AND b.r_track < 0.25
    AND coalesce(e.enrollment_status::text, 'completed') = 'completed' AS candidate,
  (CASE WHEN e.enrollment_status = 'completed' THEN e0.enrollment_ends_at ELSE h.held_at END)::date + 21 AS starts_on OFFSET 0) i0
CROSS JOIN LATERAL (SELECT CASE WHEN NOT i0.candidate OR i0.starts_on > ${END} THEN NULL
  WHEN i0.starts_on + 180 > ${END} THEN 'active'
  WHEN b.r_outcome < 0.85 THEN 'completed' ELSE 'interrupted' END::internship_status AS internship_status OFFSET 0) i
CROSS JOIN LATERAL (SELECT CASE
    WHEN t.triage IS NULL OR t.triage = 'out_of_target' THEN NULL
    WHEN i.internship_status = 'active' OR e.enrollment_status = 'active' THEN NULL
    WHEN i.internship_status IS NOT NULL THEN i0.starts_on + 180
    WHEN e.enrollment_status IS NOT NULL THEN e0.enrollment_ends_at::date
    ELSE h.held_at::date END AS available_on,
  CASE WHEN i.internship_status = 'completed' THEN 0.6 WHEN i.internship_status = 'interrupted' THEN 0.2
    WHEN e.enrollment_status = 'completed' THEN 0.45 WHEN e.enrollment_status = 'dropped' THEN 0.15
    ELSE 0.55 END AS chance OFFSET 0) a
CROSS JOIN LATERAL (SELECT a.available_on + (15 + floor(b.r_delay * 120))::int AS starts_on OFFSET 0) p0
CROSS JOIN LATERAL (SELECT coalesce(a.available_on IS NOT NULL AND b.r_place < a.chance
  AND p0.starts_on <= ${END}, false) AS placed OFFSET 0) p
CROSS JOIN LATERAL (SELECT p.placed AND (p0.starts_on + interval '12 months 5 days')::date <= ${END}
  AND b.r_follow < 0.9 AS completed OFFSET 0) f
CROSS JOIN LATERAL (SELECT CASE
    WHEN i.internship_status = 'active' THEN 'internship'
    WHEN e.enrollment_status = 'active' THEN 'training'
    WHEN NOT h.held THEN 'intake'
    WHEN i.internship_status IS NOT NULL OR e.enrollment_status IS NOT NULL THEN 'job_search'
    WHEN b.r_track < 0.6 THEN 'job_search' ELSE 'orientation' END AS state_before_close OFFSET 0) w
CROSS JOIN LATERAL (SELECT coalesce(a.available_on, s.opened_at::date) + 45 AS dropped_on OFFSET 0) d0
CROSS JOIN LATERAL (SELECT NOT p.placed AND t.triage IS DISTINCT FROM 'out_of_target'
  AND w.state_before_close NOT IN ('internship', 'training') AND b.r_drop < 0.12
  AND d0.dropped_on <= ${END} AS dropped, d0.dropped_on OFFSET 0) d`;

/** Instants of the events and rows below: a date at a working hour, in the programme's time zone. */
const AT = (date: string) => `(${date})::timestamp AT TIME ZONE 'Europe/Rome' + interval '10 hours'`;

const CLOSED_AT = `CASE
  WHEN p.triage = 'out_of_target' THEN p.held_at
  WHEN p.placed AND p.completed THEN ${AT(`(p.placement_starts_on + interval '12 months 5 days')::date`)}
  WHEN p.dropped THEN ${AT('p.dropped_on')} END`;

/** Statements that fill the domain tables from the plan; independent of each other once the plan exists. */
function domainStatements(plan: ScalePlan): Array<[string, string]> {
  const interviews = (part: number) => `
    INSERT INTO interviews (case_id, scheduled_at, held_at, triage, notes, created_by_id, created_at, updated_at)
    SELECT p.case_id, p.held_at + (j - 1) * interval '30 days' - interval '2 days', p.held_at + (j - 1) * interval '30 days',
      CASE WHEN j = 1 THEN p.triage END, 'Colloquio ' || j, p.counsellor_id, p.opened_at, p.opened_at
    FROM bench_plan p CROSS JOIN generate_series(1, ${plan.interviewsPerCase}) j
    WHERE p.held AND (p.held_at + (j - 1) * interval '30 days')::date <= ${END} AND p.i % 2 = ${part}`;
  return [
    [
      'beneficiaries',
      `INSERT INTO beneficiaries (id, first_name, last_name, fiscal_code, birth_date, gender, email, municipality,
         citizenship, education_level, employment_status, disability, referral_source, privacy_consent_at,
         created_at, updated_at)
       SELECT beneficiary_id, 'Nome' || i, 'Cognome' || i, 'SC' || lpad(i::text, 14, '0'), birth_date, gender,
         'p' || i || '@example.org', 'Bologna', citizenship, education_level, employment_status, disability,
         referral_source, opened_at, opened_at, opened_at
       FROM bench_plan`,
    ],
    [
      'cases',
      `INSERT INTO cases (id, beneficiary_id, counsellor_id, status, closed_reason, opened_at, placed_at, closed_at,
         last_activity_at, created_at, updated_at)
       SELECT p.case_id, p.beneficiary_id, p.counsellor_id, p.status,
         CASE WHEN p.triage = 'out_of_target' THEN 'out_of_target' WHEN p.placed AND p.completed THEN 'completed'
           WHEN p.dropped THEN 'dropped_out' END,
         p.opened_at, CASE WHEN p.placed THEN ${AT('p.placement_starts_on')} END, ${CLOSED_AT},
         greatest(p.opened_at, CASE WHEN p.held THEN p.held_at END, ${CLOSED_AT}), p.opened_at, p.opened_at
       FROM bench_plan p`,
    ],
    ['interviews (even)', interviews(0)],
    ['interviews (odd)', interviews(1)],
    [
      'enrollments',
      `INSERT INTO enrollments (id, course_id, case_id, status, qualification, enrolled_at, ended_at, created_at, updated_at)
       SELECT enrollment_id, course_id, case_id, enrollment_status,
         CASE WHEN enrollment_status = 'completed' AND r_qual < 0.6 THEN 'Qualifica professionale regionale' END,
         enrolled_at, CASE WHEN enrollment_status <> 'active' THEN enrollment_ends_at END, enrolled_at, enrolled_at
       FROM bench_plan WHERE enrollment_status IS NOT NULL`,
    ],
    [
      'internships',
      `INSERT INTO internships (id, case_id, company_id, starts_on, ends_on, monthly_allowance_cents, tutor_name,
         status, ended_at, created_at, updated_at)
       SELECT internship_id, case_id, host_company_id, internship_starts_on, internship_starts_on + 180, 50000,
         'Tutor aziendale', internship_status,
         CASE WHEN internship_status <> 'active' THEN ${AT('internship_starts_on + 180')} END,
         ${AT('internship_starts_on - 7')}, ${AT('internship_starts_on - 7')}
       FROM bench_plan WHERE internship_status IS NOT NULL`,
    ],
    [
      'placements',
      `INSERT INTO placements (id, case_id, beneficiary_id, company_id, contract_type, kind, extends_placement_id,
         starts_on, hours_per_week, source, created_at, updated_at)
       SELECT placement_id, case_id, beneficiary_id,
         CASE WHEN contract_type = 'self_employment' THEN NULL WHEN hired_by_host THEN host_company_id
           ELSE other_company_id END,
         contract_type, 'new'::placement_kind, NULL::uuid, placement_starts_on, 38, 'direct'::placement_source,
         ${AT('placement_starts_on')}, ${AT('placement_starts_on')}
       FROM bench_plan WHERE placed
       UNION ALL
       SELECT gen_random_uuid(), case_id, beneficiary_id, other_company_id, contract_type, 'extension'::placement_kind,
         placement_id, placement_starts_on + 180, 38, 'direct'::placement_source, ${AT('placement_starts_on + 180')}, ${AT('placement_starts_on + 180')}
       FROM bench_plan
       WHERE placed AND contract_type <> 'self_employment' AND NOT hired_by_host AND r_ext < 0.08
         AND placement_starts_on + 180 <= ${END}`,
    ],
    [
      'follow_ups',
      `INSERT INTO follow_ups (placement_id, case_id, months_after, due_on, recorded_at, employed, created_at, updated_at)
       SELECT p.placement_id, p.case_id, m.months, x.due_on,
         CASE WHEN x.recorded THEN ${AT('x.due_on + 5')} END,
         CASE WHEN x.recorded THEN random() < m.employed END,
         ${AT('p.placement_starts_on')}, ${AT('p.placement_starts_on')}
       FROM bench_plan p
       CROSS JOIN (VALUES (3, 0.88), (6, 0.82), (12, 0.76)) m(months, employed)
       CROSS JOIN LATERAL (SELECT (p.placement_starts_on + m.months * interval '1 month')::date AS due_on) d
       CROSS JOIN LATERAL (SELECT CASE WHEN m.months = 12 THEN p.completed
         ELSE d.due_on + 5 <= ${END} AND random() < 0.9 END AS recorded, d.due_on) x
       WHERE p.placed`,
    ],
  ];
}

/** The timeline: every event applied, with the move the engine made, dated when it happened. */
function eventStatements(plan: ScalePlan): Array<[string, string]> {
  const insert = `INSERT INTO case_events (case_id, type, payload, occurred_at, published_at, applied_at, from_state, to_state, outcome)`;
  const applied = (at: string) => `${at}, ${at} + interval '1 second', ${at} + interval '2 seconds'`;
  const interviews = (part: number) => `${insert}
    SELECT p.case_id, 'interview.held',
      CASE WHEN j = 1 THEN jsonb_build_object('triage', p.triage) ELSE '{}'::jsonb END,
      ${applied(`p.held_at + (j - 1) * interval '30 days'`)},
      CASE WHEN j = 1 THEN 'intake' ELSE 'orientation' END::case_status,
      CASE WHEN j > 1 THEN NULL WHEN p.triage = 'out_of_target' THEN 'closed' ELSE 'orientation' END::case_status,
      CASE WHEN j > 1 THEN 'no move' WHEN p.triage = 'out_of_target' THEN 'out_of_target' END
    FROM bench_plan p CROSS JOIN generate_series(1, ${plan.interviewsPerCase}) j
    WHERE p.held AND (p.held_at + (j - 1) * interval '30 days')::date <= ${END} AND p.i % 2 = ${part}`;
  return [
    [
      'events: case.opened',
      `${insert} SELECT case_id, 'case.opened', jsonb_build_object('beneficiaryId', beneficiary_id),
         ${applied('opened_at')}, 'intake', NULL, 'no move' FROM bench_plan`,
    ],
    ['events: interview.held (even)', interviews(0)],
    ['events: interview.held (odd)', interviews(1)],
    [
      'events: enrollments',
      `${insert}
       SELECT p.case_id, x.type, x.payload, ${applied('x.at')}, x.from_state::case_status, x.to_state::case_status, NULL
       FROM bench_plan p CROSS JOIN LATERAL (VALUES
         ('enrollment.created', '{}'::jsonb, p.enrolled_at, 'orientation', 'training', true),
         ('enrollment.ended', jsonb_build_object('enrollmentStatus', p.enrollment_status), p.enrollment_ends_at,
           'training', 'job_search', p.enrollment_status <> 'active')
       ) x(type, payload, at, from_state, to_state, happened)
       WHERE p.enrollment_status IS NOT NULL AND x.happened`,
    ],
    [
      'events: internships',
      `${insert}
       SELECT p.case_id, x.type, '{}'::jsonb, ${applied('x.at')}, x.from_state::case_status, x.to_state::case_status, NULL
       FROM bench_plan p CROSS JOIN LATERAL (VALUES
         ('internship.started', ${AT('p.internship_starts_on')}, 'job_search', 'internship', true),
         ('internship.ended', ${AT('p.internship_starts_on + 180')}, 'internship',
           CASE WHEN p.hired_by_host THEN NULL ELSE 'job_search' END, p.internship_status <> 'active')
       ) x(type, at, from_state, to_state, happened)
       WHERE p.internship_status IS NOT NULL AND x.happened`,
    ],
    [
      'events: placements and follow-ups',
      `${insert}
       SELECT l.case_id, 'placement.recorded', jsonb_build_object('placementId', l.id, 'beneficiaryId', l.beneficiary_id),
         ${applied(AT('l.starts_on'))},
         CASE WHEN l.kind = 'new' THEN 'job_search' ELSE 'placed' END::case_status,
         CASE WHEN l.kind = 'new' THEN 'placed' END::case_status, NULL
       FROM placements l
       UNION ALL
       SELECT f.case_id, 'followup.recorded', jsonb_build_object('monthsAfterPlacement', f.months_after),
         ${applied('f.recorded_at')}, 'placed',
         CASE WHEN f.months_after = 12 THEN 'closed' END::case_status,
         CASE WHEN f.months_after = 12 THEN 'completed' END
       FROM follow_ups f WHERE f.recorded_at IS NOT NULL`,
    ],
    [
      'events: manual.close',
      `${insert}
       SELECT case_id, 'manual.close', '{"reason":"dropped_out"}'::jsonb, ${applied(AT('dropped_on'))},
         state_before_close::case_status, 'closed', 'dropped_out'
       FROM bench_plan WHERE dropped`,
    ],
  ];
}

interface SavedIndex {
  table: string;
  definition: string;
}

/** Runs tasks on the given sessions, each session taking the next task when done with one. */
async function onSessions(
  sessions: pg.Client[],
  tasks: Array<[string, string]>,
  log: (message: string) => void,
): Promise<void> {
  let next = 0;
  await Promise.all(
    sessions.map(async (session) => {
      while (next < tasks.length) {
        const [label, sql] = tasks[next++];
        const begun = process.hrtime.bigint();
        const result = await session.query(sql);
        log(`  ${label}: ${result.rowCount ?? 0} rows, ${(elapsedMs(begun) / 1000).toFixed(1)} s`);
      }
    }),
  );
}

export async function loadScale(
  databaseUrl: string,
  plan: ScalePlan,
  log: (message: string) => void,
): Promise<LoadedScale> {
  const begun = process.hrtime.bigint();
  const sessions = await Promise.all(
    [0, 1].map(async () => {
      const session = new pg.Client({ connectionString: databaseUrl });
      await session.connect();
      await session.query(`SET maintenance_work_mem = '256MB'`);
      await session.query(`SET synchronous_commit = off`);
      return session;
    }),
  );
  const [main] = sessions;
  let fastPath = true;
  try {
    try {
      for (const session of sessions) await session.query('SET session_replication_role = replica');
    } catch {
      fastPath = false;
      log('  (not a superuser: foreign keys are checked during the load, which is slower)');
    }
    await main.query(`
      INSERT INTO users (email, password_hash, full_name, role)
      SELECT 'scale-counsellor-' || i || '@bench.local', 'no-login', 'Operatore ' || i, 'counsellor'
      FROM generate_series(1, ${COUNSELLORS}) i`);
    await main.query(`
      INSERT INTO companies (name, vat_number, ateco_code, municipality, employees, board_member_since, created_at)
      SELECT 'Impresa ' || i, lpad((90000000000 + i)::text, 11, '0'), '25.62.00', 'Bologna', 5 + i % 400,
        date '2015-01-01' + (i * 3) % 4000, timestamptz '2015-01-01' + ((i * 3) % 4000) * interval '1 day'
      FROM generate_series(1, ${COMPANIES}) i`);
    await main.query(`
      INSERT INTO courses (title, provider, hours, starts_on, ends_on, capacity)
      SELECT 'Corso ' || i, 'Ente di formazione ' || (i % 20), 120, date '${DATA_START}' + i * 4, date '${DATA_START}' + i * 4 + 90, 25
      FROM generate_series(1, ${COURSES}) i`);
    // Numbered, so the plan picks a counsellor, a course or a company with a join on a random number.
    await main.query(`
      CREATE UNLOGGED TABLE bench_refs AS
      SELECT 'counsellor' AS kind, row_number() OVER (ORDER BY id) - 1 AS n, id FROM users
      WHERE email LIKE 'scale-counsellor-%'
      UNION ALL SELECT 'course', row_number() OVER (ORDER BY id) - 1, id FROM courses
      UNION ALL SELECT 'company', row_number() OVER (ORDER BY id) - 1, id FROM companies`);
    await main.query('ANALYZE bench_refs');
    log(`  plan of ${plan.cases} cases`);
    await main.query(PLAN.replace('$1', String(plan.cases)));
    await main.query('DROP TABLE bench_refs');

    const { rows: secondary } = await main.query<{ tablename: string; indexname: string; indexdef: string }>(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = format('%I', indexname)::regclass)`,
      [LOADED_TABLES],
    );
    const saved: SavedIndex[] = secondary.map((row) => ({ table: row.tablename, definition: row.indexdef }));
    for (const row of secondary) await main.query(`DROP INDEX ${pg.escapeIdentifier(row.indexname)}`);
    // The events' primary key is rebuilt too (one sort instead of ten million random inserts); only the
    // milestones' foreign key refers to it, and it is restored with it.
    const { rows: constraints } = await main.query<{ relname: string; conname: string; definition: string }>(
      `SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE c.confrelid = 'case_events'::regclass OR (c.conrelid = 'case_events'::regclass AND c.contype = 'p')
       ORDER BY c.contype = 'p' DESC`,
    );
    for (const row of [...constraints].reverse()) {
      await main.query(
        `ALTER TABLE ${pg.escapeIdentifier(row.relname)} DROP CONSTRAINT ${pg.escapeIdentifier(row.conname)}`,
      );
    }

    await onSessions(sessions, domainStatements(plan), log);
    await onSessions(sessions, eventStatements(plan), log);
    await main.query(
      `INSERT INTO people_placed (beneficiary_id, first_placed_at)
       SELECT beneficiary_id, ${AT('placement_starts_on')} FROM bench_plan WHERE placed`,
    );

    const rebuilding = process.hrtime.bigint();
    await onSessions(
      sessions,
      saved.map((index) => [`index on ${index.table}`, index.definition]),
      () => undefined,
    );
    for (const row of constraints) {
      await main.query(
        `ALTER TABLE ${pg.escapeIdentifier(row.relname)} ADD CONSTRAINT ${pg.escapeIdentifier(row.conname)} ${row.definition}`,
      );
    }
    log(
      `  ${saved.length} indexes and ${constraints.length} constraints rebuilt, ${(elapsedMs(rebuilding) / 1000).toFixed(1)} s`,
    );
    // The read model's triggers were off with the foreign keys: it is filled by the two parts of
    // `report_rebuild()`, as the migration fills it for an existing database, one on each session. They
    // need the indexes: without them the planner nests scans of whole tables.
    const readModel = process.hrtime.bigint();
    await onSessions(
      sessions,
      [
        ['reports read model: outcomes', 'SELECT report_outcomes_rebuild()'],
        ['reports read model: participants', 'SELECT report_participants_rebuild()'],
      ],
      () => undefined,
    );
    log(`  reports read model filled, ${(elapsedMs(readModel) / 1000).toFixed(1)} s`);
    await writeCounters(main, plan.milestoneThresholds);
    await main.query('DROP TABLE bench_plan');
    await onSessions(
      sessions,
      [
        ...LOADED_TABLES,
        ...READ_MODEL_TABLES,
        'metric_counter_shards',
        'milestones',
        'companies',
        'courses',
        'users',
      ].map((table) => [`vacuum analyze ${table}`, `VACUUM (ANALYZE) ${table}`]),
      () => undefined,
    );
    log(`  vacuum analyze done`);

    const counts: Record<string, number> = {};
    for (const table of LOADED_TABLES) {
      const { rows } = await main.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
      counts[table] = Number(rows[0].count);
    }
    return { seconds: elapsedMs(begun) / 1000, rows: counts, fastPath };
  } finally {
    await Promise.all(sessions.map((session) => session.end()));
  }
}

/** The engine's counters and milestones, as the engine would have left them after this history. */
async function writeCounters(session: pg.Client, thresholds: number[]): Promise<void> {
  await session.query(`
    INSERT INTO metric_counter_shards (name, shard, value)
    SELECT name, 0, value FROM (
    SELECT 'cases.' || status AS name, count(*) AS value FROM cases GROUP BY status
    UNION ALL SELECT 'placements', count(*) FROM placements
    UNION ALL SELECT 'peoplePlaced', count(*) FROM people_placed
    UNION ALL SELECT 'interviewsHeld', count(*) FROM interviews WHERE held_at IS NOT NULL
    UNION ALL SELECT 'internshipsStarted', count(*) FROM internships
    UNION ALL SELECT 'enrollmentsCompleted', count(*) FROM enrollments WHERE status = 'completed') AS totals`);
  await session.query(
    `INSERT INTO milestones (metric, threshold, reached_at)
     SELECT 'placements', t, now() FROM unnest($1::int[]) t
     WHERE t <= (SELECT count(*) FROM placements)`,
    [thresholds],
  );
}
