import { Triage } from '#app/cases';
import { ContractType, PlacementKind } from '#app/placements';
import { PROGRAMME_TIME_ZONE } from '../reports.constant.js';
import { OutcomeGroupBy, Track } from './outcome-grouping.js';

/*
 * The outcomes report is one statement: a CTE per kind of fact (intakes, interviews, placements,
 * internships, follow-ups, companies joining), each read through an index on its own date column and
 * aggregated with GROUPING SETS ((key), ()) so the same pass yields the groups and the totals (distinct
 * counts such as people placed are exact in the totals, not sums of groups). Parameters: $1 = from, $2 = to
 * (calendar days, both included, in the programme's time zone). docs/reports.md explains the plan.
 */

const WINDOW_START = `($1::date::timestamp AT TIME ZONE '${PROGRAMME_TIME_ZONE}')`;
const WINDOW_END = `(($2::date + 1)::timestamp AT TIME ZONE '${PROGRAMME_TIME_ZONE}')`;

const localDay = (instant: string) => `(${instant} AT TIME ZONE '${PROGRAMME_TIME_ZONE}')::date`;

/**
 * The case's track (outcome-grouping.ts): the most intensive measure it received, read from the domain
 * tables. IN rather than EXISTS: PostgreSQL can answer an IN from one hash of the whole table, where an
 * EXISTS is an index probe for every case.
 */
const trackOf = (caseAlias: string) => `CASE
      WHEN ${caseAlias}.id IN (SELECT case_id FROM grants WHERE status <> 'draft') THEN '${Track.SELF_EMPLOYMENT}'
      WHEN ${caseAlias}.id IN (SELECT case_id FROM internships) THEN '${Track.INTERNSHIP}'
      WHEN ${caseAlias}.id IN (SELECT case_id FROM enrollments) THEN '${Track.TRAINING}'
      WHEN ${caseAlias}.placed_at IS NOT NULL
        OR ${caseAlias}.id IN (SELECT case_id FROM proposals) THEN '${Track.JOB_SEARCH}'
      ELSE '${Track.NONE}'
    END`;

/** Groupings that are a property of the case a fact belongs to. */
type CaseGrouping = OutcomeGroupBy.COUNSELLOR | OutcomeGroupBy.TRACK | OutcomeGroupBy.REFERRAL_SOURCE;

/** The key of a case under each case grouping, over `cases c`, with the joins it needs. */
const CASE_KEYS: Record<CaseGrouping, { key: string; joins?: string }> = {
  [OutcomeGroupBy.COUNSELLOR]: { key: 'c.counsellor_id' },
  [OutcomeGroupBy.TRACK]: { key: trackOf('c') },
  [OutcomeGroupBy.REFERRAL_SOURCE]: {
    key: 'b.referral_source',
    joins: 'JOIN beneficiaries b ON b.id = c.beneficiary_id',
  },
};

const isCaseGrouping = (groupBy: OutcomeGroupBy): groupBy is CaseGrouping =>
  groupBy === OutcomeGroupBy.COUNSELLOR ||
  groupBy === OutcomeGroupBy.TRACK ||
  groupBy === OutcomeGroupBy.REFERRAL_SOURCE;

interface FactSource {
  name: string;
  /** The table the facts come from, with its alias. */
  table: string;
  /** The fact's own date, which puts it in the window and in a month: an instant or a calendar day. */
  date: { column: string; kind: 'instant' | 'day' };
  /** Joins every fact needs, after the table. */
  joins?: string;
  /** Conditions besides the window. */
  where?: string;
  /** Row-level columns the aggregates read. */
  columns: string;
  /** The case the fact belongs to, for the case groupings; none for a company joining the Board. */
  caseId?: string;
  /** The company the fact belongs to, for the company grouping; none for intakes and interviews. */
  company?: { key: string; joins?: string };
  /** jsonb_build_object arguments over the row columns. */
  measures: string;
}

const countsByValue = (column: string, values: readonly string[]) =>
  values.map((value) => `'${value}', count(*) FILTER (WHERE ${column} = '${value}')`).join(', ');

const SOURCES: FactSource[] = [
  {
    name: 'intakes',
    table: 'cases c',
    date: { column: 'c.opened_at', kind: 'instant' },
    columns: 'c.placed_at IS NOT NULL AS placed',
    caseId: 'c.id',
    measures: `'intakes', count(*), 'placedIntakes', count(*) FILTER (WHERE placed)`,
  },
  {
    name: 'interviews',
    table: 'interviews i',
    date: { column: 'i.held_at', kind: 'instant' },
    columns: 'i.triage',
    caseId: 'i.case_id',
    measures: `'interviewsHeld', count(*),
      'triage', jsonb_build_object(${countsByValue('triage', Object.values(Triage))})`,
  },
  {
    name: 'placements',
    table: 'placements p',
    date: { column: 'p.starts_on', kind: 'day' },
    // The first placement of a case is its one `new` contract (extensions and conversions follow it); its
    // time to placement runs from the case's first held interview, when that came on or before the start.
    joins: `LEFT JOIN LATERAL (
        SELECT ${localDay('min(i.held_at)')} AS day FROM interviews i
        WHERE i.case_id = p.case_id AND i.held_at IS NOT NULL AND p.kind = '${PlacementKind.NEW}'
      ) first_interview ON true`,
    columns: `p.contract_type, p.kind, p.beneficiary_id, p.company_id,
      CASE WHEN first_interview.day <= p.starts_on THEN p.starts_on - first_interview.day END AS days`,
    caseId: 'p.case_id',
    company: { key: 'p.company_id' },
    measures: `'placements', count(*),
      'placementsByContractType', jsonb_build_object(${countsByValue('contract_type', Object.values(ContractType))}),
      'placementsByKind', jsonb_build_object(${countsByValue('kind', Object.values(PlacementKind))}),
      'peoplePlaced', count(DISTINCT beneficiary_id),
      'companiesHiring', count(DISTINCT company_id),
      'medianDaysToPlacement', percentile_cont(0.5) WITHIN GROUP (ORDER BY days),
      'timedPlacements', count(days)`,
  },
  {
    name: 'internships',
    table: 'internships it',
    date: { column: 'it.starts_on', kind: 'day' },
    // Converted: the intern later signed a contract (of any kind) with the host company. Looked up on the
    // case: it stays open from the internship to the hire (one open case per person), and the case's
    // contracts with a company are one index probe away.
    columns: `EXISTS (
        SELECT 1 FROM placements q
        WHERE q.case_id = it.case_id AND q.company_id = it.company_id AND q.starts_on >= it.starts_on
      ) AS hired`,
    caseId: 'it.case_id',
    company: { key: 'it.company_id' },
    measures: `'internshipsStarted', count(*), 'internshipsHired', count(*) FILTER (WHERE hired)`,
  },
  {
    name: 'followUps',
    table: 'follow_ups f',
    date: { column: 'f.due_on', kind: 'day' },
    where: 'f.months_after IN (6, 12)',
    columns: 'f.months_after, f.recorded_at IS NOT NULL AS recorded, f.employed',
    caseId: 'f.case_id',
    company: { key: 'p.company_id', joins: 'JOIN placements p ON p.id = f.placement_id' },
    measures: [6, 12]
      .map(
        (
          months,
        ) => `'followUps${months}Recorded', count(*) FILTER (WHERE months_after = ${months} AND recorded),
      'followUps${months}Employed', count(*) FILTER (WHERE months_after = ${months} AND recorded AND employed)`,
      )
      .join(',\n      '),
  },
  {
    name: 'newCompanies',
    table: 'companies co',
    date: { column: 'co.board_member_since', kind: 'day' },
    columns: 'co.id',
    company: { key: 'co.id' },
    measures: `'newCompanies', count(*)`,
  },
];

/**
 * The months of the window with their bounds as instants (midnight in Rome). Facts dated by an instant
 * are put in their month by an index range scan per month rather than by converting each fact's instant,
 * which halves the cost of that part of a month grouping at scale (docs/reports.md).
 */
const MONTHS_CTE = `m_months AS (
    SELECT month,
      month AT TIME ZONE '${PROGRAMME_TIME_ZONE}' AS starts_at,
      (month + interval '1 month') AT TIME ZONE '${PROGRAMME_TIME_ZONE}' AS ends_at
    -- An integer series, so the planner knows how many months there are (it assumes 1,000 rows for a
    -- series of timestamps and then prefers scanning whole tables).
    FROM generate_series(0, ((extract(year FROM $2::date) - extract(year FROM $1::date)) * 12
                             + extract(month FROM $2::date) - extract(month FROM $1::date))::int) AS n,
      LATERAL (SELECT date_trunc('month', $1::date::timestamp) + make_interval(months => n) AS month) months)`;

function inWindow(date: FactSource['date']): string {
  return date.kind === 'instant'
    ? `${date.column} >= ${WINDOW_START} AND ${date.column} < ${WINDOW_END}`
    : `${date.column} BETWEEN $1::date AND $2::date`;
}

/** The part of month m inside the window (the first and last months may be partial). */
const inMonth = (instant: string) =>
  `${instant} >= greatest(m.starts_at, ${WINDOW_START}) AND ${instant} < least(m.ends_at, ${WINDOW_END})`;

function appliesTo(source: FactSource, groupBy: OutcomeGroupBy): boolean {
  if (groupBy === OutcomeGroupBy.MONTH) return true;
  if (groupBy === OutcomeGroupBy.COMPANY) return source.company !== undefined;
  return source.caseId !== undefined;
}

/** The sources that have a group key under this grouping (the others are reported as not applicable). */
export function applicableMeasureSources(groupBy: OutcomeGroupBy): string[] {
  return SOURCES.filter((source) => appliesTo(source, groupBy)).map((source) => source.name);
}

/** The facts of a source in the window, one row each: `g` (the group key, or null) and the columns. */
function factRows(source: FactSource, groupBy: OutcomeGroupBy): string {
  const where = source.where ? ` AND ${source.where}` : '';
  const joins = source.joins ?? '';
  if (groupBy === OutcomeGroupBy.MONTH && source.date.kind === 'instant') {
    // An instant's month depends on the time zone: rather than convert every fact, each month of the
    // window is an index range of instants (midnight to midnight in Rome).
    return `SELECT m.month AS g, ${source.columns}
    FROM m_months m JOIN ${source.table} ON ${inMonth(source.date.column)} ${joins}
    WHERE true${where}`;
  }
  let key = 'NULL';
  let keyJoins = '';
  if (groupBy === OutcomeGroupBy.MONTH) {
    // A calendar day is its own month; through timestamp without zone, so no session zone shifts it.
    key = `date_trunc('month', ${source.date.column}::timestamp)`;
  } else if (groupBy === OutcomeGroupBy.COMPANY && source.company) {
    key = source.company.key;
    keyJoins = source.company.joins ?? '';
  } else if (isCaseGrouping(groupBy) && source.caseId) {
    // Every case's key is looked up once, in m_case_keys, however many facts it has.
    key = 'k.g';
    keyJoins = `JOIN m_case_keys k ON k.case_id = ${source.caseId}`;
  }
  return `SELECT ${key} AS g, ${source.columns}
    FROM ${source.table} ${joins} ${keyJoins}
    WHERE ${inWindow(source.date)}${where}`;
}

/** The group key as the answer shows it. */
const keyText = (groupBy: OutcomeGroupBy) =>
  groupBy === OutcomeGroupBy.MONTH ? `to_char(g, 'YYYY-MM')` : 'g::text';

function sourceSql(source: FactSource, groupBy: OutcomeGroupBy): string {
  const rows = factRows(source, groupBy);
  return appliesTo(source, groupBy)
    ? `SELECT ${keyText(groupBy)} AS g, GROUPING(g) = 1 AS total, jsonb_build_object(${source.measures}) AS m
    FROM (${rows}) facts GROUP BY GROUPING SETS ((g), ())`
    : `SELECT NULL::text AS g, true AS total, jsonb_build_object(${source.measures}) AS m
    FROM (${rows}) facts`;
}

/**
 * For a case grouping: the key of every case with a fact in the window, computed once per case (the
 * track alone costs four lookups) and joined to the facts by hash rather than looked up per fact.
 */
function caseKeysSql(groupBy: CaseGrouping): string {
  const involved = SOURCES.filter((source) => source.caseId)
    .map(
      (source) => `SELECT ${source.caseId} AS id FROM ${source.table}
      WHERE ${inWindow(source.date)}${source.where ? ` AND ${source.where}` : ''}`,
    )
    .join('\n      UNION\n      ');
  const { key, joins } = CASE_KEYS[groupBy];
  return `m_case_keys AS MATERIALIZED (
    SELECT c.id AS case_id, ${key} AS g
    FROM cases c ${joins ?? ''}
    WHERE c.id IN (${involved}))`;
}

function labelSql(groupBy: OutcomeGroupBy): string {
  switch (groupBy) {
    case OutcomeGroupBy.COUNSELLOR:
      return '(SELECT u.full_name FROM users u WHERE u.id = r.g::uuid)';
    case OutcomeGroupBy.COMPANY:
      return '(SELECT co.name FROM companies co WHERE co.id = r.g::uuid)';
    case OutcomeGroupBy.MONTH:
    case OutcomeGroupBy.TRACK:
    case OutcomeGroupBy.REFERRAL_SOURCE:
      return 'NULL::text';
  }
}

/**
 * One row per (source, group) and per source for the whole window: `{total, key, label, m}` where m holds
 * that source's measures; the service merges them. A month grouping also lists every month of the window.
 */
export function outcomesSql(groupBy: OutcomeGroupBy): string {
  // CTE names carry a prefix: a CTE named like a table would hide that table from the CTEs after it.
  const parts = SOURCES.map((source) => `m_${source.name} AS (${sourceSql(source, groupBy)})`);
  const union = SOURCES.map((source) => `SELECT * FROM m_${source.name}`);
  if (groupBy === OutcomeGroupBy.MONTH) {
    parts.unshift(MONTHS_CTE);
    parts.push(
      `m_calendar AS (SELECT to_char(month, 'YYYY-MM') AS g, false AS total, '{}'::jsonb AS m FROM m_months)`,
    );
    union.push('SELECT * FROM m_calendar');
  }
  if (isCaseGrouping(groupBy)) parts.unshift(caseKeysSql(groupBy));
  return `WITH ${parts.join(',\n')}
SELECT r.total, r.g AS key, CASE WHEN r.g IS NULL THEN NULL ELSE ${labelSql(groupBy)} END AS label, r.m
FROM (${union.join('\nUNION ALL\n')}) r`;
}
