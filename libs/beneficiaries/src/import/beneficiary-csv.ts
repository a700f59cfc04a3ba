import { CsvError, parse } from 'csv-parse/sync';
import { BeneficiaryException, BeneficiaryExceptionCode } from '../beneficiaries.exception.js';
import type { CreateBeneficiaryDto } from '../dto/create-beneficiary.dto.js';

/** How a cell becomes the JSON value the registration DTO expects; the DTO then validates it. */
type CellKind = 'text' | 'integer' | 'boolean' | 'list';

/**
 * The accepted columns: exactly the fields of POST /api/beneficiaries (the `satisfies` makes the
 * compiler refuse a missing or an extra one), so a CSV row and a JSON body are one contract.
 */
const COLUMN_KINDS = {
  firstName: 'text',
  lastName: 'text',
  fiscalCode: 'text',
  birthDate: 'text',
  gender: 'text',
  email: 'text',
  phone: 'text',
  municipality: 'text',
  citizenship: 'text',
  educationLevel: 'integer',
  employmentStatus: 'text',
  disability: 'boolean',
  vulnerabilities: 'list',
  skills: 'list',
  languages: 'list',
  referralSource: 'text',
  privacyConsentAt: 'text',
} as const satisfies Record<keyof CreateBeneficiaryDto, CellKind>;

export type ImportColumn = keyof typeof COLUMN_KINDS;

export const IMPORT_COLUMNS = Object.keys(COLUMN_KINDS) as ImportColumn[];

/** Separates the items of an array field inside one cell (the cells themselves are comma-separated). */
export const LIST_SEPARATOR = ';';

const INTEGER = /^[+-]?\d+$/;

/** A data row: the 1-based line of the file where it starts (the header is line 1) and its cells. */
export interface CsvRow {
  line: number;
  cells: string[];
}

export interface BeneficiaryCsv {
  columns: ImportColumn[];
  rows: CsvRow[];
}

interface ParsedRecord {
  record: string[];
  info: { bytes: number };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

function isImportColumn(name: string): name is ImportColumn {
  return Object.hasOwn(COLUMN_KINDS, name);
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds the line on which each record starts. csv-parse counts a CRLF inside a quoted field as two
 * lines, so its own line numbers drift in files saved on Windows; the byte offsets it reports do not.
 * Records are visited in order, so the buffer is scanned once.
 */
function lineFinder(buffer: Buffer): (start: number, end: number) => number {
  let offset = 0;
  let line = 1;
  const step = () => {
    const byte = buffer[offset];
    if (byte === LF || (byte === CR && buffer[offset + 1] !== LF)) line++;
    offset++;
  };
  return (start, end) => {
    while (offset < start) step();
    // Blank lines skipped before the record belong to its byte range.
    while (offset < end && (buffer[offset] === LF || buffer[offset] === CR)) step();
    return line;
  };
}

function parseRecords(buffer: Buffer): ParsedRecord[] {
  try {
    // With `info`, each record comes wrapped with its position; the typings do not model the option.
    return parse(buffer, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      throw new BeneficiaryException(
        BeneficiaryExceptionCode.IMPORT_MALFORMED,
        `The file is not valid CSV: ${error.message}`,
      );
    }
    throw error;
  }
}

function readHeader(names: string[]): ImportColumn[] {
  const trimmed = names.map((name) => name.trim());
  const unknown = trimmed.filter((name) => !isImportColumn(name));
  if (unknown.length > 0) {
    throw new BeneficiaryException(
      BeneficiaryExceptionCode.IMPORT_BAD_HEADER,
      `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}: ` +
        'the first line must name the fields of a registration',
      { unknownColumns: unknown, acceptedColumns: IMPORT_COLUMNS },
    );
  }
  const repeated = trimmed.filter((name, index) => trimmed.indexOf(name) !== index);
  if (repeated.length > 0) {
    throw new BeneficiaryException(
      BeneficiaryExceptionCode.IMPORT_BAD_HEADER,
      `Column${repeated.length > 1 ? 's' : ''} ${[...new Set(repeated)].map((name) => `"${name}"`).join(', ')} appear more than once`,
      { repeatedColumns: [...new Set(repeated)] },
    );
  }
  return trimmed as ImportColumn[];
}

/**
 * Reads an upload into a header and data rows, or refuses the whole file (400: empty, malformed,
 * unknown or repeated columns; 413: more than `maxRows` rows). Rows of only blank cells are skipped,
 * as spreadsheets leave them at the end.
 */
export function readBeneficiaryCsv(input: Buffer | string, options: { maxRows: number }): BeneficiaryCsv {
  const buffer = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const records = parseRecords(buffer);
  if (records.every(({ record }) => isBlank(record))) {
    throw new BeneficiaryException(BeneficiaryExceptionCode.IMPORT_EMPTY, 'The file is empty');
  }
  const columns = readHeader(records[0].record);
  const lineOf = lineFinder(buffer);
  const rows: CsvRow[] = [];
  let start = records[0].info.bytes;
  for (const { record, info } of records.slice(1)) {
    const line = lineOf(start, info.bytes);
    start = info.bytes;
    if (isBlank(record)) continue;
    rows.push({ line, cells: record });
  }
  if (rows.length === 0) {
    throw new BeneficiaryException(
      BeneficiaryExceptionCode.IMPORT_EMPTY,
      'The file has a header but no rows to import',
    );
  }
  if (rows.length > options.maxRows) {
    throw new BeneficiaryException(
      BeneficiaryExceptionCode.IMPORT_TOO_MANY_ROWS,
      `The file has ${rows.length} rows; at most ${options.maxRows} are imported at once`,
      { rows: rows.length, maxRows: options.maxRows },
    );
  }
  return { columns, rows };
}

function cellValue(kind: CellKind, cell: string): unknown {
  switch (kind) {
    case 'text':
      return cell;
    case 'integer':
      return INTEGER.test(cell) ? Number(cell) : cell;
    case 'boolean': {
      const lower = cell.toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : cell;
    }
    case 'list':
      return cell
        .split(LIST_SEPARATOR)
        .map((item) => item.trim())
        .filter((item) => item !== '');
  }
}

/**
 * The JSON body a row stands for: blank cells are left out (as an absent field in JSON), lists split
 * on `;`, `true`/`false` and whole numbers typed. Anything else is passed as written, so the DTO
 * reports it with the same message as for a JSON body.
 */
export function rowToBody(
  columns: readonly ImportColumn[],
  cells: readonly string[],
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    const cell = (cells[index] ?? '').trim();
    if (cell !== '') body[column] = cellValue(COLUMN_KINDS[column], cell);
  });
  return body;
}

/** A row with more cells than the header has columns (blank trailing cells aside) or fewer. */
export function cellCountProblem(columns: readonly ImportColumn[], cells: readonly string[]): string | null {
  const extra = cells.slice(columns.length).some((cell) => cell.trim() !== '');
  if (cells.length < columns.length || extra) {
    return `the row has ${cells.length} cells but the header has ${columns.length} columns`;
  }
  return null;
}
