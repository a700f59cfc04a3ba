import { stringify } from 'csv-stringify/sync';

/** Dotted names of the leaves of a nested object, in key order: `{a: 1, b: {c: 2}}` gives `a`, `b.c`. */
export function leafPaths(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([name, child]) =>
    child !== null && typeof child === 'object' && !Array.isArray(child)
      ? leafPaths(child as Record<string, unknown>, `${prefix}${name}.`)
      : [`${prefix}${name}`],
  );
}

/** The value at a dotted path; undefined once a step is missing or null. */
export function valueAtPath(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/**
 * Text a spreadsheet would run as a formula (a company can name itself "=HYPERLINK(...)") is prefixed with
 * an apostrophe, as OWASP advises for CSV injection; numbers are written as they are.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function cellOf(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return neutraliseFormula(typeof value === 'string' ? value : JSON.stringify(value));
}

/** A CSV document: the header row, then one row per record, CRLF line ends (RFC 4180). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return stringify(
    [header.map((name) => neutraliseFormula(name)), ...rows.map((row) => row.map((value) => cellOf(value)))],
    { record_delimiter: 'windows' },
  );
}
