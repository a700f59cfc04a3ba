import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The reports' read model (docs/reports.md, "Read model"): what the outcome reports read instead of the
 * domain tables, so a year of 10^6-case history is an index range scan of narrow rows.
 *
 * - report_cases: one row per case with its keys under the case groupings (counsellor, track, referral
 *   source), as they are now.
 * - report_daily: per day and group key, the additive counts of the high-volume facts (intakes,
 *   interviews held, +6/+12-month follow-ups) under every grouping ('all' for months and totals).
 *   Rows are split in shards by session, so concurrent writers rarely wait on one hot row.
 * - report_placements, report_internships: one narrow row per contract and per internship, for what
 *   cannot be added up by day (distinct people and companies, the median days to placement, whether an
 *   intern was hired), with the case's keys copied in.
 *
 * Triggers keep it in the transaction that writes the facts, whoever writes them (API, engine, seeder,
 * scheduled sweeps), so a report right after a write shows it. report_rebuild() fills it from the domain
 * tables: here for existing rows, and after a bulk load that ran with triggers off.
 *
 * Every change to the facts of a case, and every change of its keys, first locks the case row (as every
 * writer of a case already does), so a move of a case's facts to its new keys never misses a fact being
 * added concurrently under the old ones.
 */

const ZONE = 'Europe/Rome';
const SHARDS = 16;

/** The counts kept per day, in the order of the composite types below. */
const MEASURES = [
  'intakes',
  'placed_intakes',
  'interviews_held',
  'triage_ready_for_placement',
  'triage_needs_training',
  'triage_out_of_target',
  // Every +6/+12-month follow-up due, recorded or not: a group with only unrecorded ones is still listed.
  'follow_ups_due',
  'follow_ups6_recorded',
  'follow_ups6_employed',
  'follow_ups12_recorded',
  'follow_ups12_employed',
] as const;
type Measure = (typeof MEASURES)[number];

/**
 * A table's insert, update and delete triggers, once per statement, calling report_<table>_changed() with
 * the statement's rows as transition tables (new_rows, old_rows).
 */
const changeTriggers = (table: string) => [
  `CREATE TRIGGER report_${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION report_${table}_changed()`,
  `CREATE TRIGGER report_${table}_updated AFTER UPDATE ON ${table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION report_${table}_changed()`,
  `CREATE TRIGGER report_${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION report_${table}_changed()`,
];

const localDay = (instant: string) => `(${instant} AT TIME ZONE '${ZONE}')::date`;
const asCount = (condition: string) => `(${condition})::int`;

/** A fact row's measures in type order, 0 where not given. */
const measureList = (values: Partial<Record<Measure, string>>) =>
  MEASURES.map((measure) => values[measure] ?? '0').join(', ');

const sumsOf = (sign: string) => MEASURES.map((m) => `sum(${sign} * f.${m})::int AS ${m}`).join(', ');
const anyNonZero = MEASURES.map((m) => `sum(f.${m}) <> 0`).join(' OR ');

/** The day facts of one row of each table, as report_fact rows (functions of the row alone). */
const FACT_FUNCTIONS: Record<'cases' | 'interviews' | 'follow_ups', string> = {
  cases: `SELECT r.id, ${localDay('r.opened_at')}, false, NULL::uuid,
      ${measureList({ intakes: '1', placed_intakes: asCount('r.placed_at IS NOT NULL') })}`,
  interviews: `SELECT r.case_id, ${localDay('r.held_at')}, false, NULL::uuid,
      ${measureList({
        interviews_held: '1',
        triage_ready_for_placement: asCount(`r.triage IS NOT DISTINCT FROM 'ready_for_placement'`),
        triage_needs_training: asCount(`r.triage IS NOT DISTINCT FROM 'needs_training'`),
        triage_out_of_target: asCount(`r.triage IS NOT DISTINCT FROM 'out_of_target'`),
      })}
    WHERE r.held_at IS NOT NULL`,
  // A follow-up belongs to the company of its contract (contracts are never edited).
  follow_ups: `SELECT r.case_id, r.due_on, true, (SELECT p.company_id FROM placements p WHERE p.id = r.placement_id),
      ${measureList({
        follow_ups_due: '1',
        follow_ups6_recorded: asCount('r.months_after = 6 AND r.recorded_at IS NOT NULL'),
        follow_ups6_employed: asCount(
          'r.months_after = 6 AND r.recorded_at IS NOT NULL AND r.employed IS TRUE',
        ),
        follow_ups12_recorded: asCount('r.months_after = 12 AND r.recorded_at IS NOT NULL'),
        follow_ups12_employed: asCount(
          'r.months_after = 12 AND r.recorded_at IS NOT NULL AND r.employed IS TRUE',
        ),
      })}
    WHERE r.months_after IN (6, 12)`,
};

/** The facts of the cases whose id satisfies `where` (over the case id column of each table). */
const factsOfCases = (where: (caseId: string) => string) => `
    SELECT f.* FROM cases c, report_facts(c) f WHERE ${where('c.id')}
    UNION ALL SELECT f.* FROM interviews i, report_facts(i) f WHERE ${where('i.case_id')}
    UNION ALL SELECT f.* FROM follow_ups u, report_facts(u) f WHERE ${where('u.case_id')}`;

/** The track of a case (docs/reports.md): the most intensive measure it received. */
const TRACK_OF = `
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM grants WHERE case_id = $1 AND status <> 'draft') THEN 'self_employment'
    WHEN EXISTS (SELECT 1 FROM internships WHERE case_id = $1) THEN 'internship'
    WHEN EXISTS (SELECT 1 FROM enrollments WHERE case_id = $1) THEN 'training'
    WHEN $2 OR EXISTS (SELECT 1 FROM proposals WHERE case_id = $1) THEN 'job_search'
    ELSE 'none' END`;

/** Days from the case's first held interview (Rome) to the start of its first contract, when on or before it. */
const daysToPlacement = (placement: string) => `CASE WHEN ${placement}.kind = 'new' THEN (
    SELECT ${placement}.starts_on - d.day FROM (
      SELECT ${localDay('min(i.held_at)')} AS day FROM interviews i
      WHERE i.case_id = ${placement}.case_id AND i.held_at IS NOT NULL) d
    WHERE d.day <= ${placement}.starts_on) END`;

/** Whether the intern later signed a contract with the host company, starting on or after the internship. */
const hiredAfter = (internship: string) => `EXISTS (
    SELECT 1 FROM placements q WHERE q.case_id = ${internship}.case_id
      AND q.company_id = ${internship}.company_id AND q.starts_on >= ${internship}.starts_on)`;

const PLACEMENT_ROW = (
  p: string,
) => `${p}.id, ${p}.case_id, ${p}.starts_on, ${p}.beneficiary_id, ${p}.company_id,
    ${p}.contract_type, ${p}.kind, ${daysToPlacement(p)}, k.counsellor_id, k.track, k.referral_source`;
const INTERNSHIP_ROW = (it: string) => `${it}.id, ${it}.case_id, ${it}.starts_on, ${it}.company_id,
    ${hiredAfter(it)}, k.counsellor_id, k.track, k.referral_source`;

const STATEMENTS_UP = [
  `CREATE TABLE report_cases (
    case_id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    counsellor_id uuid,
    track varchar(20) NOT NULL,
    referral_source referral_source
  )`,
  `CREATE TABLE report_daily (
    grouping varchar(20) NOT NULL,
    -- The group key as text; '' for none (the 'all' grouping, a person with no referral source, a contract
    -- with no company), since a key of a primary key cannot be null.
    key text NOT NULL,
    day date NOT NULL,
    shard smallint NOT NULL,
    ${MEASURES.map((m) => `${m} integer NOT NULL DEFAULT 0`).join(',\n    ')},
    CONSTRAINT pk_report_daily PRIMARY KEY (grouping, day, key, shard)
  )`,
  `CREATE TABLE report_placements (
    placement_id uuid PRIMARY KEY REFERENCES placements (id) ON DELETE CASCADE,
    case_id uuid NOT NULL,
    starts_on date NOT NULL,
    beneficiary_id uuid NOT NULL,
    company_id uuid,
    contract_type placement_contract_type NOT NULL,
    kind placement_kind NOT NULL,
    days_to_placement integer,
    counsellor_id uuid,
    track varchar(20) NOT NULL,
    referral_source referral_source
  )`,
  `CREATE INDEX idx_report_placements_starts_on ON report_placements (starts_on)
    INCLUDE (beneficiary_id, company_id, contract_type, kind, days_to_placement, counsellor_id, track, referral_source)`,
  `CREATE INDEX idx_report_placements_case_id ON report_placements (case_id)`,
  `CREATE TABLE report_internships (
    internship_id uuid PRIMARY KEY REFERENCES internships (id) ON DELETE CASCADE,
    case_id uuid NOT NULL,
    starts_on date NOT NULL,
    company_id uuid NOT NULL,
    hired boolean NOT NULL,
    counsellor_id uuid,
    track varchar(20) NOT NULL,
    referral_source referral_source
  )`,
  `CREATE INDEX idx_report_internships_starts_on ON report_internships (starts_on)
    INCLUDE (company_id, hired, counsellor_id, track, referral_source)`,
  `CREATE INDEX idx_report_internships_case_id ON report_internships (case_id)`,

  `CREATE TYPE report_fact AS (
    case_id uuid, day date, company_fact boolean, company_id uuid,
    ${MEASURES.map((m) => `${m} integer`).join(', ')})`,
  ...Object.entries(FACT_FUNCTIONS).map(
    ([table, body]) => `CREATE FUNCTION report_facts(r ${table}) RETURNS SETOF report_fact
      LANGUAGE sql STABLE AS $$ ${body} $$`,
  ),
  `CREATE FUNCTION report_facts_of_cases(cases uuid[]) RETURNS SETOF report_fact LANGUAGE sql STABLE AS $$
    ${factsOfCases((caseId) => `${caseId} = ANY (cases)`)} $$`,
  `CREATE FUNCTION report_track_of(case_id uuid, placed boolean) RETURNS varchar LANGUAGE sql STABLE AS $$
    ${TRACK_OF} $$`,

  // Adds facts (and subtracts the `removed` ones) under the current keys of their cases, one upsert in key
  // order so two writers never take the same rows in opposite orders.
  `CREATE FUNCTION report_add(added report_fact[], removed report_fact[] DEFAULT '{}') RETURNS void
    LANGUAGE sql AS $$
    INSERT INTO report_daily AS d (grouping, key, day, shard, ${MEASURES.join(', ')})
    SELECT g.grouping, g.key, f.day, pg_backend_pid() % ${SHARDS}, ${MEASURES.map((m) => `sum(f.${m})`).join(', ')}
    FROM (
      SELECT * FROM unnest(added)
      UNION ALL
      SELECT case_id, day, company_fact, company_id, ${MEASURES.map((m) => `-${m}`).join(', ')} FROM unnest(removed)
    ) f
    JOIN report_cases k ON k.case_id = f.case_id
    CROSS JOIN LATERAL (VALUES
      ('all', ''),
      ('counsellor', coalesce(k.counsellor_id::text, '')),
      ('track', k.track::text),
      ('referralSource', coalesce(k.referral_source::text, '')),
      ('company', CASE WHEN f.company_fact THEN coalesce(f.company_id::text, '') END)
    ) g (grouping, key)
    WHERE g.key IS NOT NULL
    GROUP BY g.grouping, g.key, f.day
    HAVING ${anyNonZero}
    ORDER BY g.grouping, f.day, g.key
    ON CONFLICT (grouping, day, key, shard) DO UPDATE SET
      ${MEASURES.map((m) => `${m} = d.${m} + excluded.${m}`).join(',\n      ')}
  $$`,

  // Recomputes the keys of the given cases; where one changed, moves the case's facts from its old key to
  // its new one and rewrites the keys copied into its contracts and internships.
  `CREATE FUNCTION report_refresh_cases(changed_cases uuid[]) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    moved report_cases[];
  BEGIN
    PERFORM 1 FROM cases WHERE id = ANY (changed_cases) ORDER BY id FOR NO KEY UPDATE;
    SELECT array_agg(ROW(c.id, c.counsellor_id, report_track_of(c.id, c.placed_at IS NOT NULL), b.referral_source)::report_cases)
      INTO moved
      FROM cases c JOIN beneficiaries b ON b.id = c.beneficiary_id JOIN report_cases k ON k.case_id = c.id
      WHERE c.id = ANY (changed_cases)
        AND (k.counsellor_id, k.track, k.referral_source)
          IS DISTINCT FROM (c.counsellor_id, report_track_of(c.id, c.placed_at IS NOT NULL), b.referral_source);
    IF moved IS NULL THEN RETURN; END IF;
    INSERT INTO report_daily AS d (grouping, key, day, shard, ${MEASURES.join(', ')})
    SELECT g.grouping, g.key, f.day, pg_backend_pid() % ${SHARDS}, ${sumsOf('g.sign')}
    FROM unnest(moved) n
    JOIN report_cases k ON k.case_id = n.case_id
    CROSS JOIN LATERAL report_facts_of_cases(ARRAY[n.case_id]) f
    CROSS JOIN LATERAL (VALUES
      ('counsellor', coalesce(k.counsellor_id::text, ''), -1, k.counsellor_id IS DISTINCT FROM n.counsellor_id),
      ('counsellor', coalesce(n.counsellor_id::text, ''), 1, k.counsellor_id IS DISTINCT FROM n.counsellor_id),
      ('track', k.track::text, -1, k.track IS DISTINCT FROM n.track),
      ('track', n.track::text, 1, k.track IS DISTINCT FROM n.track),
      ('referralSource', coalesce(k.referral_source::text, ''), -1, k.referral_source IS DISTINCT FROM n.referral_source),
      ('referralSource', coalesce(n.referral_source::text, ''), 1, k.referral_source IS DISTINCT FROM n.referral_source)
    ) g (grouping, key, sign, applies)
    WHERE g.applies
    GROUP BY g.grouping, g.key, f.day
    HAVING ${MEASURES.map((m) => `sum(g.sign * f.${m}) <> 0`).join(' OR ')}
    ORDER BY g.grouping, f.day, g.key
    ON CONFLICT (grouping, day, key, shard) DO UPDATE SET
      ${MEASURES.map((m) => `${m} = d.${m} + excluded.${m}`).join(',\n      ')};
    UPDATE report_cases k SET counsellor_id = n.counsellor_id, track = n.track, referral_source = n.referral_source
      FROM unnest(moved) n WHERE k.case_id = n.case_id;
    UPDATE report_placements k SET counsellor_id = n.counsellor_id, track = n.track, referral_source = n.referral_source
      FROM unnest(moved) n WHERE k.case_id = n.case_id;
    UPDATE report_internships k SET counsellor_id = n.counsellor_id, track = n.track, referral_source = n.referral_source
      FROM unnest(moved) n WHERE k.case_id = n.case_id;
  END $$`,

  // Triggers. Statement-level ones read the statement's rows from transition tables (one call for a bulk
  // insert); those on tables the engine or the API update often are row-level with a WHEN clause, so an
  // update that changes nothing a report reads never calls a function.
  `CREATE FUNCTION report_cases_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO report_cases (case_id, counsellor_id, track, referral_source)
    SELECT n.id, n.counsellor_id, report_track_of(n.id, n.placed_at IS NOT NULL), b.referral_source
    FROM new_rows n JOIN beneficiaries b ON b.id = n.beneficiary_id;
    PERFORM report_add(ARRAY(SELECT f FROM new_rows n, report_facts(n::cases) f));
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER report_cases_inserted AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION report_cases_inserted()`,
  `CREATE FUNCTION report_case_updated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM report_add(ARRAY(SELECT report_facts(NEW)), ARRAY(SELECT report_facts(OLD)));
    PERFORM report_refresh_cases(ARRAY[NEW.id]);
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER report_case_updated AFTER UPDATE OF counsellor_id, placed_at, opened_at, beneficiary_id ON cases
    FOR EACH ROW WHEN (OLD.counsellor_id IS DISTINCT FROM NEW.counsellor_id
      OR OLD.placed_at IS DISTINCT FROM NEW.placed_at OR OLD.opened_at IS DISTINCT FROM NEW.opened_at
      OR OLD.beneficiary_id IS DISTINCT FROM NEW.beneficiary_id)
    EXECUTE FUNCTION report_case_updated()`,

  `CREATE FUNCTION report_beneficiary_updated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM report_refresh_cases(ARRAY(SELECT id FROM cases WHERE beneficiary_id = NEW.id));
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER report_beneficiary_updated AFTER UPDATE OF referral_source ON beneficiaries
    FOR EACH ROW WHEN (OLD.referral_source IS DISTINCT FROM NEW.referral_source)
    EXECUTE FUNCTION report_beneficiary_updated()`,

  // Interviews and follow-ups: their day facts. An update that changes none (notes, a reschedule) stops at
  // the comparison. A held interview also moves the first-interview day of the case's first contract.
  ...(['interviews', 'follow_ups'] as const).flatMap((table) => [
    `CREATE FUNCTION report_${table}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      added report_fact[] := '{}';
      removed report_fact[] := '{}';
      changed_rows uuid[];
      touched uuid[];
    BEGIN
      -- On an update, only the rows whose facts changed (not a note or a reschedule).
      IF TG_OP = 'UPDATE' THEN
        changed_rows := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE ARRAY(SELECT report_facts(o::${table})) IS DISTINCT FROM ARRAY(SELECT report_facts(n::${table})));
        IF cardinality(changed_rows) = 0 THEN RETURN NULL; END IF;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        added := ARRAY(SELECT f FROM new_rows n, report_facts(n::${table}) f WHERE changed_rows IS NULL OR n.id = ANY (changed_rows));
      END IF;
      IF TG_OP <> 'INSERT' THEN
        removed := ARRAY(SELECT f FROM old_rows o, report_facts(o::${table}) f WHERE changed_rows IS NULL OR o.id = ANY (changed_rows));
      END IF;
      touched := ARRAY(SELECT DISTINCT case_id FROM unnest(added || removed) ORDER BY 1);
      IF cardinality(touched) = 0 THEN RETURN NULL; END IF;
      PERFORM 1 FROM cases WHERE id = ANY (touched) ORDER BY id FOR NO KEY UPDATE;
      PERFORM report_add(added, removed);
      ${
        table === 'interviews'
          ? `UPDATE report_placements rp SET days_to_placement = x.days
        FROM (SELECT p.id, ${daysToPlacement('p')} AS days FROM placements p
              WHERE p.case_id = ANY (touched) AND p.kind = 'new') x
        WHERE rp.placement_id = x.id AND rp.days_to_placement IS DISTINCT FROM x.days;`
          : ''
      }
      RETURN NULL;
    END $$`,
    ...changeTriggers(table),
  ]),

  // Contracts: their rows, and whether the case's internships led to a hire by the host.
  `CREATE FUNCTION report_placements_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    touched uuid[];
  BEGIN
    IF TG_OP <> 'INSERT' THEN
      DELETE FROM report_placements WHERE placement_id IN (SELECT id FROM old_rows);
      touched := ARRAY(SELECT DISTINCT case_id FROM old_rows);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO report_placements
      SELECT ${PLACEMENT_ROW('n')} FROM new_rows n JOIN report_cases k ON k.case_id = n.case_id;
      touched := coalesce(touched, '{}') || ARRAY(SELECT DISTINCT case_id FROM new_rows);
    END IF;
    UPDATE report_internships ri SET hired = x.hired
      FROM (SELECT it.id, ${hiredAfter('it')} AS hired FROM internships it WHERE it.case_id = ANY (touched)) x
      WHERE ri.internship_id = x.id AND ri.hired <> x.hired;
    RETURN NULL;
  END $$`,
  ...changeTriggers('placements'),

  // Internships: their rows, then the case's track.
  `CREATE FUNCTION report_internships_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    touched uuid[];
  BEGIN
    IF TG_OP <> 'INSERT' THEN
      DELETE FROM report_internships WHERE internship_id IN (SELECT id FROM old_rows);
      touched := ARRAY(SELECT DISTINCT case_id FROM old_rows);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO report_internships
      SELECT ${INTERNSHIP_ROW('n')} FROM new_rows n JOIN report_cases k ON k.case_id = n.case_id;
      touched := coalesce(touched, '{}') || ARRAY(SELECT DISTINCT case_id FROM new_rows);
    END IF;
    PERFORM report_refresh_cases(touched);
    RETURN NULL;
  END $$`,
  ...changeTriggers('internships'),

  // The other inputs of the track: enrollments, proposals, grants (submitted or further).
  `CREATE FUNCTION report_track_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM report_refresh_cases(ARRAY(SELECT DISTINCT case_id FROM new_rows));
    ELSE
      PERFORM report_refresh_cases(ARRAY(SELECT DISTINCT case_id FROM old_rows));
    END IF;
    RETURN NULL;
  END $$`,
  `CREATE FUNCTION report_track_input_updated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM report_refresh_cases(ARRAY[OLD.case_id, NEW.case_id]);
    RETURN NULL;
  END $$`,
  ...(['enrollments', 'proposals', 'grants'] as const).flatMap((table) => [
    `CREATE TRIGGER report_${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_track_inputs_changed()`,
    `CREATE TRIGGER report_${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_track_inputs_changed()`,
    `CREATE TRIGGER report_${table}_updated AFTER UPDATE ON ${table} FOR EACH ROW
      WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id${
        table === 'grants' ? ` OR (OLD.status = 'draft') IS DISTINCT FROM (NEW.status = 'draft')` : ''
      })
      EXECUTE FUNCTION report_track_input_updated()`,
  ]),

  // Fills the read model from the domain tables, set-based.
  `CREATE FUNCTION report_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    -- Enough memory for the aggregates over every fact to stay in memory at 10^7 facts.
    PERFORM set_config('work_mem', '256MB', true);
    TRUNCATE report_daily, report_placements, report_internships, report_cases;
    INSERT INTO report_cases (case_id, counsellor_id, track, referral_source)
    SELECT c.id, c.counsellor_id,
      CASE
        WHEN c.id IN (SELECT case_id FROM grants WHERE status <> 'draft') THEN 'self_employment'
        WHEN c.id IN (SELECT case_id FROM internships) THEN 'internship'
        WHEN c.id IN (SELECT case_id FROM enrollments) THEN 'training'
        WHEN c.placed_at IS NOT NULL OR c.id IN (SELECT case_id FROM proposals) THEN 'job_search'
        ELSE 'none' END,
      b.referral_source
    FROM cases c JOIN beneficiaries b ON b.id = c.beneficiary_id;
    INSERT INTO report_placements
    SELECT p.id, p.case_id, p.starts_on, p.beneficiary_id, p.company_id, p.contract_type, p.kind,
      CASE WHEN p.kind = 'new' AND fi.day <= p.starts_on THEN p.starts_on - fi.day END,
      k.counsellor_id, k.track, k.referral_source
    FROM placements p JOIN report_cases k ON k.case_id = p.case_id
    LEFT JOIN (SELECT case_id, ${localDay('min(held_at)')} AS day FROM interviews WHERE held_at IS NOT NULL
               GROUP BY case_id) fi ON fi.case_id = p.case_id AND p.kind = 'new';
    INSERT INTO report_internships
    SELECT ${INTERNSHIP_ROW('n')} FROM internships n JOIN report_cases k ON k.case_id = n.case_id;
    -- One pass of grouping sets rather than a row per fact and grouping; a grouped-out column is null, so
    -- the first non-null key column is the group's key.
    INSERT INTO report_daily (grouping, key, day, shard, ${MEASURES.join(', ')})
    SELECT CASE WHEN GROUPING(k.counsellor_id) = 0 THEN 'counsellor' WHEN GROUPING(k.track) = 0 THEN 'track'
        WHEN GROUPING(k.referral_source) = 0 THEN 'referralSource' WHEN GROUPING(f.company_id) = 0 THEN 'company'
        ELSE 'all' END,
      coalesce(k.counsellor_id::text, k.track::text, k.referral_source::text, f.company_id::text, ''),
      f.day, 0, ${MEASURES.map((m) => `sum(f.${m})`).join(', ')}
    FROM (${factsOfCases(() => 'true')}) f
    JOIN report_cases k ON k.case_id = f.case_id
    GROUP BY GROUPING SETS ((f.day), (f.day, k.counsellor_id), (f.day, k.track), (f.day, k.referral_source),
      (f.day, f.company_fact, f.company_id))
    HAVING GROUPING(f.company_fact) = 1 OR f.company_fact;
  END $$`,
  `SELECT report_rebuild()`,
];

export class ReportReadModel1763700001000 implements MigrationInterface {
  name = 'ReportReadModel1763700001000';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of STATEMENTS_UP) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['cases', 'beneficiaries', 'interviews', 'follow_ups', 'placements', 'internships']) {
      for (const trigger of ['inserted', 'updated', 'deleted']) {
        await db.query(`DROP TRIGGER IF EXISTS report_${table}_${trigger} ON ${table}`);
      }
    }
    for (const table of ['enrollments', 'proposals', 'grants']) {
      for (const trigger of ['inserted', 'updated', 'deleted']) {
        await db.query(`DROP TRIGGER IF EXISTS report_${table}_${trigger} ON ${table}`);
      }
    }
    await db.query(`DROP TRIGGER IF EXISTS report_case_updated ON cases`);
    await db.query(`DROP TRIGGER IF EXISTS report_beneficiary_updated ON beneficiaries`);
    await db.query(`DROP TABLE report_daily, report_placements, report_internships, report_cases`);
    await db.query(`DROP TYPE report_fact CASCADE`);
    await db.query(`DROP FUNCTION report_track_of, report_add, report_refresh_cases, report_rebuild,
      report_cases_inserted, report_case_updated, report_beneficiary_updated, report_interviews_changed,
      report_follow_ups_changed, report_placements_changed, report_internships_changed,
      report_track_inputs_changed, report_track_input_updated`);
  }
}
