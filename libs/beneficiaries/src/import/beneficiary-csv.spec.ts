import { describe, expect, it } from '@jest/globals';
import { ErrorKind } from '#app/core';
import { getMetadataStorage } from 'class-validator';
import { BeneficiaryException, BeneficiaryExceptionCode } from '../beneficiaries.exception.js';
import { CreateBeneficiaryDto } from '../dto/create-beneficiary.dto.js';
import {
  cellCountProblem,
  IMPORT_COLUMNS,
  type ImportColumn,
  readBeneficiaryCsv,
  rowToBody,
} from './beneficiary-csv.js';

const read = (text: string | Buffer, maxRows = 100) => readBeneficiaryCsv(text, { maxRows });

function refusal(text: string, maxRows = 100): BeneficiaryException {
  try {
    read(text, maxRows);
  } catch (error) {
    if (error instanceof BeneficiaryException) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('IMPORT_COLUMNS', () => {
  it('are exactly the fields the registration DTO validates', () => {
    const validated = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(CreateBeneficiaryDto, '', true, false)
        .map((metadata) => metadata.propertyName),
    );
    expect([...IMPORT_COLUMNS].sort()).toEqual([...validated].sort());
  });
});

describe('readBeneficiaryCsv', () => {
  it('numbers each row by the line it starts on, the header being line 1', () => {
    const csv = read('firstName,lastName\nMario,Rossi\nGiulia,Bianchi\n');
    expect(csv.columns).toEqual(['firstName', 'lastName']);
    expect(csv.rows).toEqual([
      { line: 2, cells: ['Mario', 'Rossi'] },
      { line: 3, cells: ['Giulia', 'Bianchi'] },
    ]);
  });

  it('counts the lines inside quoted multi-line fields and skipped blank lines', () => {
    const csv = read('firstName,lastName\n"Ma\nrio",Rossi\n\n\nAnna,"Verdi\n\nBis"\nLuca,Neri');
    expect(csv.rows).toEqual([
      { line: 2, cells: ['Ma\nrio', 'Rossi'] },
      { line: 6, cells: ['Anna', 'Verdi\n\nBis'] },
      { line: 9, cells: ['Luca', 'Neri'] },
    ]);
  });

  it('counts CRLF line ends once, also inside quoted fields (files saved on Windows)', () => {
    const csv = read('firstName,lastName\r\n"Ma\r\nrio",Rossi\r\n\r\nAnna,Verdi\r\n');
    expect(csv.rows.map((row) => row.line)).toEqual([2, 5]);
    expect(csv.rows[0].cells[0]).toBe('Ma\r\nrio');
  });

  it('drops a byte order mark and skips rows of blank cells, still counting their lines', () => {
    const csv = read(Buffer.from('\uFEFFfirstName,lastName\n , \nMario,Rossi\n,\n', 'utf8'));
    expect(csv.columns).toEqual(['firstName', 'lastName']);
    expect(csv.rows).toEqual([{ line: 3, cells: ['Mario', 'Rossi'] }]);
  });

  it('trims the column names', () => {
    expect(read(' firstName , lastName\nMario,Rossi').columns).toEqual(['firstName', 'lastName']);
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n\r\n  \n'],
    ['a header without rows', 'firstName,lastName\n'],
  ])('refuses %s as empty (400)', (_label, text) => {
    const error = refusal(text);
    expect(error.code).toBe(BeneficiaryExceptionCode.IMPORT_EMPTY);
    expect(error.kind).toBe(ErrorKind.BAD_INPUT);
  });

  it('refuses unknown columns for the whole file, naming each', () => {
    const error = refusal('firstName,surname,lastName,taxCode\nMario,x,Rossi,y');
    expect(error.code).toBe(BeneficiaryExceptionCode.IMPORT_BAD_HEADER);
    expect(error.kind).toBe(ErrorKind.BAD_INPUT);
    expect(error.message).toContain('"surname", "taxCode"');
    expect(error.details).toMatchObject({ unknownColumns: ['surname', 'taxCode'] });
  });

  it('refuses a file whose first line is data rather than a header', () => {
    const error = refusal('Mario,Rossi,RSSMRA85C15A944F\n');
    expect(error.code).toBe(BeneficiaryExceptionCode.IMPORT_BAD_HEADER);
    expect(error.details).toMatchObject({ unknownColumns: ['Mario', 'Rossi', 'RSSMRA85C15A944F'] });
  });

  it('refuses a column named twice', () => {
    const error = refusal('firstName,lastName,firstName\na,b,c');
    expect(error.code).toBe(BeneficiaryExceptionCode.IMPORT_BAD_HEADER);
    expect(error.details).toEqual({ repeatedColumns: ['firstName'] });
  });

  it('refuses malformed CSV (a quote never closed) for the whole file', () => {
    const error = refusal('firstName,lastName\nMario,"Rossi\n');
    expect(error.code).toBe(BeneficiaryExceptionCode.IMPORT_MALFORMED);
    expect(error.kind).toBe(ErrorKind.BAD_INPUT);
  });

  it('refuses more rows than the limit with 413, and accepts exactly the limit', () => {
    const text = `firstName\n${['a', 'b', 'c'].join('\n')}\n`;
    expect(read(text, 3).rows).toHaveLength(3);
    const error = refusal(text, 2);
    expect(error.code).toBe(BeneficiaryExceptionCode.IMPORT_TOO_MANY_ROWS);
    expect(error.kind).toBe(ErrorKind.TOO_LARGE);
    expect(error.details).toEqual({ rows: 3, maxRows: 2 });
  });
});

describe('rowToBody', () => {
  const columns: ImportColumn[] = [
    'firstName',
    'email',
    'disability',
    'educationLevel',
    'vulnerabilities',
    'skills',
    'languages',
  ];

  it('types lists, booleans and whole numbers, and trims every cell', () => {
    expect(
      rowToBody(columns, [
        ' Mario ',
        'm@example.org',
        'TRUE',
        '3',
        'migrant;homeless',
        ' forklift ; HACCP ;',
        'it',
      ]),
    ).toEqual({
      firstName: 'Mario',
      email: 'm@example.org',
      disability: true,
      educationLevel: 3,
      vulnerabilities: ['migrant', 'homeless'],
      skills: ['forklift', 'HACCP'],
      languages: ['it'],
    });
  });

  it('leaves blank cells out, as absent fields', () => {
    expect(rowToBody(columns, ['Mario', '', '  ', '', '', '', ''])).toEqual({ firstName: 'Mario' });
  });

  it('passes values it cannot type as written, for the DTO to refuse with its own message', () => {
    expect(rowToBody(columns, ['Mario', 'x', 'yes', '2.5', 'migrant', 'a', 'b'])).toMatchObject({
      disability: 'yes',
      educationLevel: '2.5',
    });
  });

  it('reads false and a list of one item', () => {
    expect(rowToBody(['disability', 'languages'], ['false', 'it'])).toEqual({
      disability: false,
      languages: ['it'],
    });
  });
});

describe('cellCountProblem', () => {
  const columns: ImportColumn[] = ['firstName', 'lastName'];

  it('accepts a row as wide as the header, or wider by blank cells', () => {
    expect(cellCountProblem(columns, ['Mario', 'Rossi'])).toBeNull();
    expect(cellCountProblem(columns, ['Mario', 'Rossi', '', ' '])).toBeNull();
  });

  it('reports a row with fewer cells, or with extra cells that hold something', () => {
    expect(cellCountProblem(columns, ['Mario'])).toBe('the row has 1 cells but the header has 2 columns');
    expect(cellCountProblem(columns, ['Mario', 'Rossi', 'x'])).toBe(
      'the row has 3 cells but the header has 2 columns',
    );
  });
});
