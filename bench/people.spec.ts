import { describe, expect, it } from '@jest/globals';
import { checkFiscalCodeAgainst, CreateBeneficiaryDto, parseFiscalCode } from '#app/beneficiaries';
import { createValidationPipe } from '#app/core';
import { IMPORT_COLUMNS } from '#app/beneficiaries';
import { peopleCsv, personCells, syntheticPerson } from './people.js';

describe('synthetic people for the intake benchmark', () => {
  it('gives fiscal codes with a right check character that agree with birth date and gender', () => {
    for (const index of [0, 1, 25, 26, 675, 99_999, 123_457, 308_915_775]) {
      const person = syntheticPerson(index);
      expect(parseFiscalCode(person.fiscalCode)).toMatchObject({ ok: true });
      expect(checkFiscalCodeAgainst(person.fiscalCode, person)).toEqual([]);
    }
  });

  it('never repeats a fiscal code', () => {
    const codes = new Set(Array.from({ length: 20_000 }, (_, index) => syntheticPerson(index).fiscalCode));
    expect(codes.size).toBe(20_000);
  });

  it('writes rows that the registration rules accept', async () => {
    const pipe = createValidationPipe();
    for (const index of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const body: Record<string, unknown> = {};
      personCells(index).forEach((cell, column) => {
        const name = IMPORT_COLUMNS[column];
        if (cell === '') return;
        if (['vulnerabilities', 'skills', 'languages'].includes(name)) body[name] = cell.split(';');
        else if (name === 'educationLevel') body[name] = Number(cell);
        else if (name === 'disability') body[name] = cell === 'true';
        else body[name] = cell;
      });
      await expect(
        pipe.transform(body, { type: 'body', metatype: CreateBeneficiaryDto }),
      ).resolves.toBeInstanceOf(CreateBeneficiaryDto);
    }
  });

  it('writes one header line and one line per person', () => {
    const lines = peopleCsv(10, 3).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(IMPORT_COLUMNS.join(','));
  });
});
