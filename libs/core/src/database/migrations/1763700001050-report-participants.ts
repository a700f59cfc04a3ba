import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The FSE+ report's read model (docs/esf-indicators.md, "How the SQL runs"): one narrow row per case with
 * what the indicators classify, so the report is one index range scan over the cases opened in the window.
 *
 * - the day the case opened (Rome) and the person's attributes as recorded now (gender, labour status,
 *   ISCED level, disability, citizenship) with the age in completed years on the opening day;
 * - the day it left (placed, or closed if never placed) and the five results, each false for a case that
 *   has not left.
 *
 * Triggers recompute a case's row from the domain tables in the writer's transaction whenever one of its
 * inputs changes: the case, its person, the person's contracts (employment looks at every contract of the
 * person), its closing events, enrollments and follow-ups. Like the outcomes model they first lock the
 * case rows, so two writers of one case's inputs recompute it one after the other, the second from the
 * first's committed writes. report_participants_rebuild() computes every row; report_rebuild() now runs
 * it after the outcomes model's rebuild.
 */

const ZONE = 'Europe/Rome';
/** "Upon leaving" (Annex I immediate results): within four weeks of the day the participant left. */
const UPON_LEAVING_DAYS = 28;

const localDay = (instant: string) => `(${instant} AT TIME ZONE '${ZONE}')::date`;

const COLUMNS = [
  'case_id',
  'opened_on',
  'gender',
  'employment_status',
  'age_at_entry',
  'education_level',
  'disability',
  'citizenship',
  'left_on',
  'job_searching',
  'in_employment',
  'in_training',
  'qualified',
  'employed_six_months',
] as const;

/**
 * The rows of the cases satisfying `where` (over `c`, the cases), in COLUMNS order. Each result is one
 * set-based join of the leavers with one table, so the same statement serves one case and 10^6.
 */
const participantRows = (where: string) => `
  WITH participants AS MATERIALIZED (
    SELECT c.id, c.beneficiary_id, ${localDay('c.opened_at')} AS opened_on, b.gender, b.employment_status,
      date_part('year', age(${localDay('c.opened_at')}, b.birth_date))::smallint AS age_at_entry,
      b.education_level, b.disability, b.citizenship,
      ${localDay('coalesce(c.placed_at, c.closed_at)')} AS left_on,
      c.placed_at IS NULL AND c.closed_reason IS DISTINCT FROM 'dropped_out' AS left_searchable
    FROM cases c JOIN beneficiaries b ON b.id = c.beneficiary_id
    WHERE ${where}
  ),
  leavers AS MATERIALIZED (
    SELECT id, beneficiary_id, left_on, left_searchable FROM participants WHERE left_on IS NOT NULL
  ),
  -- A contract of the person starting by the end of the four weeks: one of this case (the placement it
  -- left by, possibly backdated) or one started on or after the day of leaving (a later case's, too).
  in_employment AS (
    SELECT DISTINCT l.id FROM leavers l JOIN placements q ON q.beneficiary_id = l.beneficiary_id
    WHERE q.starts_on <= l.left_on + ${UPON_LEAVING_DAYS} AND (q.case_id = l.id OR q.starts_on >= l.left_on)
  ),
  -- Closed (not placed) while in the job-search state, and not because the person dropped out.
  job_searching AS (
    SELECT DISTINCT l.id FROM leavers l JOIN case_events e ON e.case_id = l.id
    WHERE l.left_searchable AND e.to_state = 'closed' AND e.from_state = 'job_search'
  ),
  -- A course attended at some point of the four weeks (enrolled by their end, not ended before leaving),
  -- and a qualification obtained during participation or in the four weeks after leaving.
  enrollment_results AS (
    SELECT l.id,
      bool_or(${localDay('e.enrolled_at')} <= l.left_on + ${UPON_LEAVING_DAYS}
              AND (e.ended_at IS NULL OR ${localDay('e.ended_at')} >= l.left_on)) AS in_training,
      bool_or(e.status = 'completed' AND e.qualification IS NOT NULL
              AND ${localDay('e.ended_at')} <= l.left_on + ${UPON_LEAVING_DAYS}) AS qualified
    FROM leavers l JOIN enrollments e ON e.case_id = l.id
    GROUP BY l.id
  ),
  employed_six_months AS (
    SELECT DISTINCT l.id FROM leavers l JOIN follow_ups f ON f.case_id = l.id
    WHERE f.months_after = 6 AND f.employed
  )
  SELECT p.id, p.opened_on, p.gender, p.employment_status, p.age_at_entry, p.education_level, p.disability,
    p.citizenship, p.left_on, s.id IS NOT NULL, w.id IS NOT NULL, coalesce(er.in_training, false),
    coalesce(er.qualified, false), six.id IS NOT NULL
  FROM participants p
  LEFT JOIN in_employment w ON w.id = p.id
  LEFT JOIN job_searching s ON s.id = p.id
  LEFT JOIN enrollment_results er ON er.id = p.id
  LEFT JOIN employed_six_months six ON six.id = p.id`;

const STATEMENTS_UP = [
  `CREATE TABLE report_participants (
    case_id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    opened_on date NOT NULL,
    gender beneficiary_gender,
    employment_status employment_status,
    age_at_entry smallint,
    education_level smallint,
    disability boolean NOT NULL,
    citizenship char(2),
    left_on date,
    job_searching boolean NOT NULL,
    in_employment boolean NOT NULL,
    in_training boolean NOT NULL,
    qualified boolean NOT NULL,
    employed_six_months boolean NOT NULL
  )`,
  // Covering, so a window's participants are an index-only scan.
  `CREATE INDEX idx_report_participants_opened_on ON report_participants (opened_on)
    INCLUDE (${COLUMNS.filter((column) => column !== 'case_id' && column !== 'opened_on').join(', ')})`,

  // Recomputes the rows of the given cases; a row that did not change is not rewritten.
  `CREATE FUNCTION report_participants_refresh(changed_cases uuid[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF coalesce(cardinality(changed_cases), 0) = 0 THEN RETURN; END IF;
    PERFORM 1 FROM cases WHERE id = ANY (changed_cases) ORDER BY id FOR NO KEY UPDATE;
    INSERT INTO report_participants AS r (${COLUMNS.join(', ')})
    ${participantRows('c.id = ANY (changed_cases)')}
    ON CONFLICT (case_id) DO UPDATE SET (${COLUMNS.slice(1).join(', ')})
      = (${COLUMNS.slice(1)
        .map((column) => `excluded.${column}`)
        .join(', ')})
      WHERE (${COLUMNS.slice(1)
        .map((column) => `r.${column}`)
        .join(', ')}) IS DISTINCT FROM (${COLUMNS.slice(1)
        .map((column) => `excluded.${column}`)
        .join(', ')});
  END $$`,

  `CREATE FUNCTION report_participants_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM set_config('work_mem', '256MB', true);
    TRUNCATE report_participants;
    -- In day order, so a window's rows are also together in the heap.
    INSERT INTO report_participants (${COLUMNS.join(', ')})
    SELECT * FROM (${participantRows('true')}) r ORDER BY 2;
  END $$`,
  // Every rebuild of the reports' read model now covers both parts.
  `ALTER FUNCTION report_rebuild() RENAME TO report_outcomes_rebuild`,
  `CREATE FUNCTION report_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM report_outcomes_rebuild();
    PERFORM report_participants_rebuild();
  END $$`,

  // Cases: a new case gets its row (no lock: no one else sees it yet); a change of its dates, closing
  // reason or person recomputes it.
  `CREATE FUNCTION report_participants_cases_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO report_participants (${COLUMNS.join(', ')})
    ${participantRows('c.id IN (SELECT id FROM new_rows)')};
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER report_participants_cases_inserted AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION report_participants_cases_inserted()`,
  `CREATE FUNCTION report_participants_case_updated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM report_participants_refresh(ARRAY[NEW.id]);
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER report_participants_case_updated AFTER UPDATE OF opened_at, placed_at, closed_at, closed_reason,
      beneficiary_id ON cases
    FOR EACH ROW WHEN ((OLD.opened_at, OLD.placed_at, OLD.closed_at, OLD.closed_reason, OLD.beneficiary_id)
      IS DISTINCT FROM (NEW.opened_at, NEW.placed_at, NEW.closed_at, NEW.closed_reason, NEW.beneficiary_id))
    EXECUTE FUNCTION report_participants_case_updated()`,

  // A person's classified attributes: every case of the person. Erasure keeps them, so it changes nothing.
  `CREATE FUNCTION report_participants_person_updated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM report_participants_refresh(ARRAY(SELECT id FROM cases WHERE beneficiary_id = NEW.id));
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER report_participants_person_updated AFTER UPDATE ON beneficiaries
    FOR EACH ROW WHEN ((OLD.gender, OLD.employment_status, OLD.birth_date, OLD.education_level, OLD.disability,
        OLD.citizenship)
      IS DISTINCT FROM (NEW.gender, NEW.employment_status, NEW.birth_date, NEW.education_level, NEW.disability,
        NEW.citizenship))
    EXECUTE FUNCTION report_participants_person_updated()`,

  // Closing events: row-level with a WHEN clause, so the engine's other events call no function.
  `CREATE FUNCTION report_participants_event_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM report_participants_refresh(ARRAY[OLD.case_id, NEW.case_id]);
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER report_participants_event_inserted AFTER INSERT ON case_events
    FOR EACH ROW WHEN (NEW.to_state = 'closed') EXECUTE FUNCTION report_participants_event_changed()`,
  `CREATE TRIGGER report_participants_event_updated AFTER UPDATE ON case_events
    FOR EACH ROW WHEN ((OLD.to_state = 'closed' OR NEW.to_state = 'closed')
      AND (OLD.case_id, OLD.from_state, OLD.to_state) IS DISTINCT FROM (NEW.case_id, NEW.from_state, NEW.to_state))
    EXECUTE FUNCTION report_participants_event_changed()`,
  `CREATE TRIGGER report_participants_event_deleted AFTER DELETE ON case_events
    FOR EACH ROW WHEN (OLD.to_state = 'closed') EXECUTE FUNCTION report_participants_event_changed()`,

  // Enrollments, follow-ups and contracts: statement-level over the transition tables. A contract counts
  // for every case of its person (a job found under a later case is employment upon leaving the earlier).
  `CREATE FUNCTION report_participants_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    changed uuid[] := '{}';
    people uuid[] := '{}';
  BEGIN
    IF TG_OP <> 'DELETE' THEN
      changed := changed || ARRAY(SELECT case_id FROM new_rows);
      IF TG_TABLE_NAME = 'placements' THEN
        people := people || ARRAY(SELECT beneficiary_id FROM new_rows);
      END IF;
    END IF;
    IF TG_OP <> 'INSERT' THEN
      changed := changed || ARRAY(SELECT case_id FROM old_rows);
      IF TG_TABLE_NAME = 'placements' THEN
        people := people || ARRAY(SELECT beneficiary_id FROM old_rows);
      END IF;
    END IF;
    IF cardinality(people) > 0 THEN
      changed := changed || ARRAY(SELECT id FROM cases WHERE beneficiary_id = ANY (people));
    END IF;
    PERFORM report_participants_refresh(ARRAY(SELECT DISTINCT unnest(changed)));
    RETURN NULL;
  END $$`,
  ...(['enrollments', 'follow_ups', 'placements'] as const).flatMap((table) => [
    `CREATE TRIGGER report_participants_${table}_inserted AFTER INSERT ON ${table}
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_participants_facts_changed()`,
    `CREATE TRIGGER report_participants_${table}_updated AFTER UPDATE ON ${table}
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_participants_facts_changed()`,
    `CREATE TRIGGER report_participants_${table}_deleted AFTER DELETE ON ${table}
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_participants_facts_changed()`,
  ]),

  `SELECT report_participants_rebuild()`,
];

export class ReportParticipants1763700001050 implements MigrationInterface {
  name = 'ReportParticipants1763700001050';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of STATEMENTS_UP) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER report_participants_cases_inserted ON cases`);
    await db.query(`DROP TRIGGER report_participants_case_updated ON cases`);
    await db.query(`DROP TRIGGER report_participants_person_updated ON beneficiaries`);
    for (const operation of ['inserted', 'updated', 'deleted']) {
      await db.query(`DROP TRIGGER report_participants_event_${operation} ON case_events`);
      for (const table of ['enrollments', 'follow_ups', 'placements']) {
        await db.query(`DROP TRIGGER report_participants_${table}_${operation} ON ${table}`);
      }
    }
    await db.query(`DROP FUNCTION report_rebuild()`);
    await db.query(`ALTER FUNCTION report_outcomes_rebuild() RENAME TO report_rebuild`);
    await db.query(`DROP TABLE report_participants`);
    await db.query(`DROP FUNCTION report_participants_refresh, report_participants_rebuild,
      report_participants_cases_inserted, report_participants_case_updated, report_participants_event_changed,
      report_participants_person_updated, report_participants_facts_changed`);
  }
}
