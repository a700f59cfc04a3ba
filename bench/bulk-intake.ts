import type { MainContext } from './context.js';
import { elapsedMs } from './measure.js';
import { IMPORT_COLUMNS } from '#app/beneficiaries';
import { personCells } from './people.js';
import { type BenchRow, percent, rate } from './table.js';

const TARGET_ROWS_PER_SECOND = 10_000;
/** Far from the people other benchmarks create, so no fiscal code is taken already. */
const FIRST_PERSON = 5_000_000;
const INSERT_BATCH = 1000;

const COLUMNS = [
  'first_name',
  'last_name',
  'fiscal_code',
  'birth_date',
  'gender',
  'email',
  'phone',
  'municipality',
  'citizenship',
  'education_level',
  'employment_status',
  'disability',
  'vulnerabilities',
  'skills',
  'languages',
  'referral_source',
  'privacy_consent_at',
  'created_by_id',
];

const LIST_COLUMNS = new Set(['vulnerabilities', 'skills', 'languages']);

/** A CSV cell as the value the plain INSERT binds: lists become arrays, empty cells NULL. */
function bindValue(column: string, cell: string): unknown {
  if (LIST_COLUMNS.has(column)) return cell === '' ? [] : cell.split(';');
  if (column === 'disability') return cell === 'true';
  return cell === '' ? null : cell;
}

/**
 * The baseline: the same rows with a plain multi-row INSERT through `pg`, 1,000 rows a statement, in one
 * transaction like the import, into a twin of the beneficiaries table (same columns, checks and indexes).
 */
async function plainInsert(context: MainContext, rows: string[][]): Promise<number> {
  const client = await context.db.connect();
  try {
    await client.query('CREATE TABLE bench_intake (LIKE beneficiaries INCLUDING ALL)');
    const begun = process.hrtime.bigint();
    await client.query('BEGIN');
    for (let from = 0; from < rows.length; from += INSERT_BATCH) {
      const batch = rows.slice(from, from + INSERT_BATCH);
      const params: unknown[] = [];
      const tuples = batch.map((cells) => {
        const values = [
          ...cells.map((cell, column) => bindValue(COLUMNS[column], cell)),
          context.counsellor.userId,
        ];
        const placeholders = values.map((value) => {
          params.push(value);
          return `$${params.length}`;
        });
        return `(${placeholders.join(', ')})`;
      });
      await client.query(
        `INSERT INTO bench_intake (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`,
        params,
      );
    }
    await client.query('COMMIT');
    const seconds = elapsedMs(begun) / 1000;
    return rows.length / seconds;
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_intake');
    client.release();
  }
}

/** Benchmark 4: CSV import of people through the API (every row validated) against a plain INSERT. */
export async function bulkIntake(context: MainContext): Promise<BenchRow[]> {
  const count = context.size.intake.rows;
  const rows = Array.from({ length: count }, (_, index) => personCells(FIRST_PERSON + index));
  const csv = `${[IMPORT_COLUMNS.join(','), ...rows.map((cells) => cells.join(','))].join('\n')}\n`;
  context.log(`intake: plain INSERT of ${count} rows`);
  const baseline = await plainInsert(context, rows);

  context.log(
    `intake: POST /api/beneficiaries/import with ${count} rows (${(csv.length / 1e6).toFixed(1)} MB)`,
  );
  const begun = process.hrtime.bigint();
  const response = await fetch(`${context.counsellor.baseUrl}/api/beneficiaries/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${context.counsellor.token}`, 'Content-Type': 'text/csv' },
    body: csv,
  });
  const text = await response.text();
  const seconds = elapsedMs(begun) / 1000;
  const row: BenchRow = {
    id: 'intake.import',
    benchmark: 'Bulk intake',
    measure: `POST /api/beneficiaries/import, ${count} people as text/csv, every row validated (response included)`,
    value: 'failed',
    baseline: `plain multi-row INSERT ${rate(baseline, 'rows/s')} (pg, ${INSERT_BATCH} rows a statement)`,
    ratio: '',
    target: `>= ${rate(TARGET_ROWS_PER_SECOND, 'rows/s')}`,
    met: false,
  };
  if (response.status === 404) return [{ ...row, value: 'not available (no import endpoint)', met: null }];
  if (!response.ok) throw new Error(`bench: the import answered ${response.status}: ${text.slice(0, 500)}`);
  const result = JSON.parse(text) as { created: number; rejected: unknown[] };
  if (result.created !== count) {
    throw new Error(
      `bench: the import created ${result.created} of ${count} people: ${JSON.stringify(result.rejected.slice(0, 3))}`,
    );
  }
  const perSecond = count / seconds;
  return [
    {
      ...row,
      value: `${rate(perSecond, 'rows/s')} (${seconds.toFixed(1)} s)`,
      ratio: percent(perSecond / baseline),
      met: perSecond >= TARGET_ROWS_PER_SECOND,
    },
  ];
}
