/** One line of the benchmark table: a figure, the baseline measured in the same run, and their ratio. */
export interface BenchRow {
  /** Stable key, used by the smoke test to check that every row is produced. */
  id: RowId;
  benchmark: string;
  measure: string;
  /** The figure as printed (with its unit), or why there is none. */
  value: string;
  baseline: string;
  /** figure / baseline, as printed; empty when a side is missing. */
  ratio: string;
  target: string;
  /** Whether the target is met; null when there is no target or no figure. */
  met: boolean | null;
}

export const ROW_IDS = [
  'engine.outbox',
  'engine.http-writes',
  'engine.http',
  'api.case.rps',
  'api.case.p99',
  'api.list.rps',
  'api.list.p99',
  'api.patch.rps',
  'api.patch.p99',
  'api.post.rps',
  'api.post.p99',
  'scale.metrics',
  'scale.outcomes',
  'scale.outcomes.counsellor',
  'scale.outcomes.track',
  'scale.outcomes.company',
  'scale.outcomes.referralSource',
  'scale.esf',
  'intake.import',
] as const;

export type RowId = (typeof ROW_IDS)[number];

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function rate(value: number, unit: string): string {
  return `${NUMBER.format(value)} ${unit}`;
}

export function millis(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`;
}

/** "x times" for latencies, where the figure is the larger one. */
export function times(ratio: number): string {
  return `${ratio.toFixed(ratio < 10 ? 1 : 0)}x`;
}

export function verdict(met: boolean | null): string {
  if (met === null) return '-';
  return met ? 'yes' : 'NO';
}

const COLUMNS: Array<[string, (row: BenchRow) => string]> = [
  ['benchmark', (row) => row.benchmark],
  ['measure', (row) => row.measure],
  ['figure', (row) => row.value],
  ['baseline (same run)', (row) => row.baseline],
  ['ratio', (row) => row.ratio],
  ['target', (row) => row.target],
  ['met', (row) => verdict(row.met)],
];

export function markdownTable(rows: BenchRow[]): string {
  const escape = (text: string) => text.replaceAll('|', '\\|');
  const lines = [
    `| ${COLUMNS.map(([title]) => title).join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${COLUMNS.map(([, cell]) => escape(cell(row))).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** The table for a terminal: aligned columns, no markup. */
export function textTable(rows: BenchRow[]): string {
  const cells = [COLUMNS.map(([title]) => title), ...rows.map((row) => COLUMNS.map(([, cell]) => cell(row)))];
  const widths = COLUMNS.map((_, column) => Math.max(...cells.map((line) => line[column].length)));
  const render = (line: string[]) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  return [
    render(cells[0]),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.slice(1).map(render),
  ].join('\n');
}
