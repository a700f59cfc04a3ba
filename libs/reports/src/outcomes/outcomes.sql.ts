import { Triage } from '#app/cases';
import { ContractType, PlacementKind } from '#app/placements';
import { OutcomeGroupBy } from './outcome-grouping.js';

/*
 * The outcomes report is one statement over the reports' read model (migration
 * 1763700001000-report-read-model, docs/reports.md), kept up to date by triggers in the transactions
 * that write the facts:
 * - intakes, interviews and follow-ups are summed from report_daily, their counts per day and group key;
 * - contracts and internships are read from report_placements and report_internships, one narrow row
 *   each, aggregated once by group and once over the window (distinct counts such as people placed are
 *   exact in the totals, not sums of groups);
 * - companies joining the Board are read from companies.
 * Parameters: $1 = from, $2 = to (calendar days, both included, in the programme's time zone: the read
 * model dates instants by their day in that zone).
 */

const IN_WINDOW = (day: string) => `${day} BETWEEN $1::date AND $2::date`;

/**
 * The key of a read-model row under each grouping, in its own type (null for none): the contracts are
 * grouped on it, and sorting 10^5 dates or uuids costs a fraction of sorting their text under the
 * database's collation. Turned into text once per group by KEY_TEXT.
 */
const ROW_KEYS: Record<OutcomeGroupBy, (day: string) => string> = {
  // A calendar day is its own month; through timestamp without zone, so no session zone shifts it.
  [OutcomeGroupBy.MONTH]: (day) => `date_trunc('month', ${day}::timestamp)`,
  [OutcomeGroupBy.COUNSELLOR]: () => 'counsellor_id',
  [OutcomeGroupBy.TRACK]: () => 'track',
  [OutcomeGroupBy.COMPANY]: () => 'company_id',
  [OutcomeGroupBy.REFERRAL_SOURCE]: () => 'referral_source',
};

/** A group key as the report shows it. */
const KEY_TEXT: Record<OutcomeGroupBy, (key: string) => string> = {
  [OutcomeGroupBy.MONTH]: (key) => `to_char(${key}, 'YYYY-MM')`,
  [OutcomeGroupBy.COUNSELLOR]: (key) => `${key}::text`,
  [OutcomeGroupBy.TRACK]: (key) => `${key}::text`,
  [OutcomeGroupBy.COMPANY]: (key) => `${key}::text`,
  [OutcomeGroupBy.REFERRAL_SOURCE]: (key) => `${key}::text`,
};

/** The report_daily grouping each grouping reads ('all' holds every fact once, by day). */
const DAILY_GROUPING: Record<OutcomeGroupBy, string> = {
  [OutcomeGroupBy.MONTH]: 'all',
  [OutcomeGroupBy.COUNSELLOR]: 'counsellor',
  [OutcomeGroupBy.TRACK]: 'track',
  [OutcomeGroupBy.COMPANY]: 'company',
  [OutcomeGroupBy.REFERRAL_SOURCE]: 'referralSource',
};

const countsByValue = (column: string, values: readonly string[]) =>
  values.map((value) => `'${value}', count(*) FILTER (WHERE ${column} = '${value}')`).join(', ');

/** Facts summed by day: each measure's jsonb over the report_daily sums, and the count that says it has facts. */
interface DailySource {
  name: string;
  /** The report_daily columns its measures read. */
  columns: readonly string[];
  /** A sum greater than 0 in a group means the group has facts of this source. */
  present: string;
  measures: string;
  /** Groupings under which the source has a key (the others report it as not applicable). */
  groupings: readonly OutcomeGroupBy[];
}

const CASE_GROUPINGS = [
  OutcomeGroupBy.MONTH,
  OutcomeGroupBy.COUNSELLOR,
  OutcomeGroupBy.TRACK,
  OutcomeGroupBy.REFERRAL_SOURCE,
] as const;
const ALL_GROUPINGS = Object.values(OutcomeGroupBy);

const triageColumn = (triage: Triage) => `triage_${triage}`;

const DAILY_SOURCES: DailySource[] = [
  {
    name: 'intakes',
    columns: ['intakes', 'placed_intakes'],
    present: 'intakes',
    measures: `'intakes', intakes, 'placedIntakes', placed_intakes`,
    groupings: CASE_GROUPINGS,
  },
  {
    name: 'interviews',
    columns: ['interviews_held', ...Object.values(Triage).map(triageColumn)],
    present: 'interviews_held',
    measures: `'interviewsHeld', interviews_held,
      'triage', jsonb_build_object(${Object.values(Triage)
        .map((triage) => `'${triage}', ${triageColumn(triage)}`)
        .join(', ')})`,
    groupings: CASE_GROUPINGS,
  },
  {
    name: 'followUps',
    columns: [
      'follow_ups_due',
      'follow_ups6_recorded',
      'follow_ups6_employed',
      'follow_ups12_recorded',
      'follow_ups12_employed',
    ],
    present: 'follow_ups_due',
    measures: [6, 12]
      .map(
        (months) =>
          `'followUps${months}Recorded', follow_ups${months}_recorded, 'followUps${months}Employed', follow_ups${months}_employed`,
      )
      .join(', '),
    groupings: ALL_GROUPINGS,
  },
];

/** Facts read one row each, with what the aggregates need. */
interface RowSource {
  name: string;
  table: string;
  date: string;
  columns: string;
  measures: string;
  groupings: readonly OutcomeGroupBy[];
}

const ROW_SOURCES: RowSource[] = [
  {
    name: 'placements',
    table: 'report_placements',
    date: 'starts_on',
    columns: 'contract_type, kind, beneficiary_id, company_id, days_to_placement',
    measures: `'placements', count(*),
      'placementsByContractType', jsonb_build_object(${countsByValue('contract_type', Object.values(ContractType))}),
      'placementsByKind', jsonb_build_object(${countsByValue('kind', Object.values(PlacementKind))}),
      'peoplePlaced', count(DISTINCT beneficiary_id),
      'companiesHiring', count(DISTINCT company_id),
      'medianDaysToPlacement', percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_placement),
      'timedPlacements', count(days_to_placement)`,
    groupings: ALL_GROUPINGS,
  },
  {
    name: 'internships',
    table: 'report_internships',
    date: 'starts_on',
    columns: 'hired',
    measures: `'internshipsStarted', count(*), 'internshipsHired', count(*) FILTER (WHERE hired)`,
    groupings: ALL_GROUPINGS,
  },
  {
    name: 'newCompanies',
    table: 'companies',
    date: 'board_member_since',
    columns: 'id',
    measures: `'newCompanies', count(*)`,
    groupings: [OutcomeGroupBy.MONTH, OutcomeGroupBy.COMPANY],
  },
];

/** The key of a row (the company grouping's key of a companies row is the company itself). */
const rowKey = (source: RowSource, groupBy: OutcomeGroupBy) =>
  source.table === 'companies' && groupBy === OutcomeGroupBy.COMPANY ? 'id' : ROW_KEYS[groupBy](source.date);

const SOURCE_ORDER = ['intakes', 'interviews', 'placements', 'internships', 'followUps', 'newCompanies'];

/** The sources that have a group key under this grouping (the others are reported as not applicable). */
export function applicableMeasureSources(groupBy: OutcomeGroupBy): string[] {
  return SOURCE_ORDER.filter((name) =>
    [...DAILY_SOURCES, ...ROW_SOURCES].some(
      (source) => source.name === name && source.groupings.includes(groupBy),
    ),
  );
}

/** The sums of the sources' report_daily columns, named like the columns. */
const sumsOf = (sources: readonly DailySource[]) =>
  sources
    .flatMap((source) => source.columns)
    .map((column) => `coalesce(sum(${column}), 0)::int AS ${column}`)
    .join(', ');

/** A part of the report: the rows of a source (or of the daily sources) for the whole window or by group. */
interface Part {
  name: string;
  sql: string;
}

/**
 * The daily sources share their rows: the window's sums once for the totals, and once by group with the
 * sums and measures of the sources that apply to the grouping (a company's follow-ups alone). A group
 * is listed when one of those sources has facts in it; a source without facts in a listed group sums
 * to its empty value, all zeros, since every daily fact counts itself in the source's `present` column.
 */
function dailyParts(groupBy: OutcomeGroupBy): Part[] {
  const measures = (sources: DailySource[]) => sources.map((source) => source.measures).join(', ');
  const totals = {
    name: 'daily_totals',
    sql: `SELECT NULL::text AS g, true AS total, jsonb_build_object(${measures(DAILY_SOURCES)}) AS m
    FROM (SELECT ${sumsOf(DAILY_SOURCES)} FROM report_daily WHERE grouping = 'all' AND ${IN_WINDOW('day')}) window_sums`,
  };
  const applicable = DAILY_SOURCES.filter((source) => source.groupings.includes(groupBy));
  if (applicable.length === 0) return [totals];
  const key =
    groupBy === OutcomeGroupBy.MONTH
      ? KEY_TEXT[OutcomeGroupBy.MONTH](ROW_KEYS[OutcomeGroupBy.MONTH]('day'))
      : `nullif(key, '')`;
  const groups = {
    name: 'daily_groups',
    sql: `SELECT g, false AS total, jsonb_build_object(${measures(applicable)}) AS m
    FROM (SELECT ${key} AS g, ${sumsOf(applicable)} FROM report_daily
      WHERE grouping = '${DAILY_GROUPING[groupBy]}' AND ${IN_WINDOW('day')} GROUP BY 1) group_sums
    WHERE ${applicable.map((source) => `${source.present} > 0`).join(' OR ')}`,
  };
  return [totals, groups];
}

/** A row source's totals over the window, and its groups when it has a key under the grouping. */
function rowParts(source: RowSource, groupBy: OutcomeGroupBy): Part[] {
  const facts = `FROM ${source.table} WHERE ${IN_WINDOW(source.date)}`;
  const totals = {
    name: `${source.name}_totals`,
    sql: `SELECT NULL::text AS g, true AS total, jsonb_build_object(${source.measures}) AS m ${facts}`,
  };
  if (!source.groupings.includes(groupBy)) return [totals];
  const groups = {
    name: `${source.name}_groups`,
    sql: `SELECT ${KEY_TEXT[groupBy]('g')} AS g, false AS total, jsonb_build_object(${source.measures}) AS m
    FROM (SELECT ${rowKey(source, groupBy)} AS g, ${source.columns} ${facts}) facts GROUP BY facts.g`,
  };
  return [totals, groups];
}

/** Every month of the window, so a month with no fact is listed too. */
const CALENDAR: Part = {
  name: 'calendar',
  sql: `SELECT to_char(date_trunc('month', $1::date::timestamp) + make_interval(months => n), 'YYYY-MM') AS g,
      false AS total, '{}'::jsonb AS m
    FROM generate_series(0, ((extract(year FROM $2::date) - extract(year FROM $1::date)) * 12
                             + extract(month FROM $2::date) - extract(month FROM $1::date))::int) AS n`,
};

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
 * that source's measures (the daily sources' together); the service merges them. A month grouping also
 * lists every month of the window.
 *
 * Each part is a CTE read once, so PostgreSQL inlines it, and the parts' UNION ALL can be a Parallel
 * Append: the contracts' groups, their totals and the daily sums are computed at once by different
 * processes. Grouping sets, or a CTE read by several parts, kept all of it in one process
 * (docs/DECISIONS.md).
 */
export function outcomesSql(groupBy: OutcomeGroupBy): string {
  const parts = [...dailyParts(groupBy), ...ROW_SOURCES.flatMap((source) => rowParts(source, groupBy))];
  if (groupBy === OutcomeGroupBy.MONTH) parts.push(CALENDAR);
  // CTE names carry a prefix: a CTE named like a table would hide that table from the CTEs after it.
  return `WITH ${parts.map((part) => `m_${part.name} AS (${part.sql})`).join(',\n')}
SELECT r.total, r.g AS key, CASE WHEN r.g IS NULL THEN NULL ELSE ${labelSql(groupBy)} END AS label, r.m
FROM (${parts.map((part) => `SELECT * FROM m_${part.name}`).join('\nUNION ALL\n')}) r`;
}
