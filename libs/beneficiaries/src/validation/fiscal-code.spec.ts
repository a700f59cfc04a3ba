import { describe, expect, it } from '@jest/globals';
import pkg from 'codice-fiscale-js';
import {
  checkFiscalCodeAgainst,
  fiscalCodeAgreementProblems,
  isFiscalCode,
  normaliseFiscalCode,
  parseFiscalCode,
} from './fiscal-code.js';

// Codes are computed by the library itself, so the tests never rest on a hand-made code.
const { CodiceFiscale } = pkg as unknown as { CodiceFiscale: typeof pkg.default };

interface Person {
  name: string;
  surname: string;
  gender: 'F' | 'M';
  day: number;
  month: number;
  year: number;
}

const inBologna = (person: Person) =>
  CodiceFiscale.compute({ ...person, birthplace: 'Bologna', birthplaceProvincia: 'BO' });

/** A code with any 15 leading characters and the check character they call for. */
const withCheckCharacter = (first15: string) => first15 + CodiceFiscale.getCheckCode(first15);

const mario: Person = { name: 'Mario', surname: 'Rossi', gender: 'M', day: 15, month: 3, year: 1985 };
const giulia: Person = { name: 'Giulia', surname: 'Bianchi', gender: 'F', day: 7, month: 11, year: 2001 };
const marioCode = inBologna(mario);
const giuliaCode = inBologna(giulia);

describe('parseFiscalCode', () => {
  it('accepts a code computed for a man and reads his birth date and gender', () => {
    expect(marioCode).toBe('RSSMRA85C15A944F');
    expect(parseFiscalCode(marioCode)).toEqual({
      ok: true,
      facts: { yearOfCentury: 85, month: 3, day: 15, gender: 'M' },
    });
  });

  it('reads a woman from a day with 40 added', () => {
    expect(parseFiscalCode(giuliaCode)).toEqual({
      ok: true,
      facts: { yearOfCentury: 1, month: 11, day: 7, gender: 'F' },
    });
  });

  it('accepts every omocodic variant the library derives, and decodes the substituted digits', () => {
    const variants = new CodiceFiscale(marioCode).omocodie();
    expect(variants).toHaveLength(127);
    for (const variant of variants) {
      expect(parseFiscalCode(variant)).toEqual({
        ok: true,
        facts: { yearOfCentury: 85, month: 3, day: 15, gender: 'M' },
      });
    }
  });

  it('normalises lowercase input and surrounding spaces', () => {
    expect(normaliseFiscalCode(`  ${marioCode.toLowerCase()} `)).toBe(marioCode);
    expect(parseFiscalCode(marioCode.toLowerCase()).ok).toBe(true);
  });

  it('refuses a wrong check character', () => {
    const wrong = marioCode.slice(0, 15) + (marioCode[15] === 'A' ? 'B' : 'A');
    expect(parseFiscalCode(wrong)).toEqual({ ok: false, problem: 'check_character' });
  });

  it.each([
    ['too short', 'RSSMRA85C15A944'],
    ['too long', `${marioCode}X`],
    ['a digit where the surname goes', `1${marioCode.slice(1)}`],
    ['a letter that is not an omocodia substitute', `${marioCode.slice(0, 6)}A5${marioCode.slice(8)}`],
    ['an unknown month letter', `${marioCode.slice(0, 8)}Z${marioCode.slice(9)}`],
    ['an empty string', ''],
  ])('refuses a malformed code (%s)', (_label, code) => {
    expect(parseFiscalCode(code)).toEqual({ ok: false, problem: 'format' });
  });

  it.each([
    ['day 32', 'RSSMRA85C32A944'],
    ['day 00', 'RSSMRA85C00A944'],
    ['day 40 (neither a man nor a woman)', 'RSSMRA85C40A944'],
    ['a woman born on day 32 (72)', 'BNCGLI01S72A944'],
    ['30 February', 'RSSMRA85B30A944'],
    ['29 February of a year that was never leap', 'RSSMRA85B29A944'],
    ['31 April', 'RSSMRA85D31A944'],
  ])('refuses an impossible encoded date (%s) even with a right check character', (_label, first15) => {
    expect(parseFiscalCode(withCheckCharacter(first15))).toEqual({ ok: false, problem: 'impossible_date' });
  });

  it('accepts 29 February when the year may be a leap year (2000 for 00)', () => {
    const leapWoman = inBologna({
      name: 'Anna',
      surname: 'Verdi',
      gender: 'F',
      day: 29,
      month: 2,
      year: 2000,
    });
    expect(parseFiscalCode(leapWoman)).toEqual({
      ok: true,
      facts: { yearOfCentury: 0, month: 2, day: 29, gender: 'F' },
    });
  });

  it('isFiscalCode refuses values that are not strings', () => {
    expect(isFiscalCode(marioCode)).toBe(true);
    expect(isFiscalCode(42)).toBe(false);
    expect(isFiscalCode(null)).toBe(false);
    expect(isFiscalCode(undefined)).toBe(false);
  });
});

describe('checkFiscalCodeAgainst', () => {
  it('finds nothing when birth date and gender agree', () => {
    expect(checkFiscalCodeAgainst(marioCode, { birthDate: '1985-03-15', gender: 'M' })).toEqual([]);
    expect(checkFiscalCodeAgainst(giuliaCode, { birthDate: '2001-11-07', gender: 'F' })).toEqual([]);
  });

  it('finds nothing when neither birth date nor gender is given', () => {
    expect(checkFiscalCodeAgainst(marioCode, {})).toEqual([]);
    expect(checkFiscalCodeAgainst(marioCode, { birthDate: null, gender: null })).toEqual([]);
  });

  it('agrees with an omocodic code of the same person', () => {
    const [variant] = new CodiceFiscale(giuliaCode).omocodie();
    expect(checkFiscalCodeAgainst(variant, { birthDate: '2001-11-07', gender: 'F' })).toEqual([]);
  });

  it('reports a birth date that differs in the day, the month or the year', () => {
    for (const birthDate of ['1985-03-16', '1985-04-15', '1986-03-15']) {
      expect(checkFiscalCodeAgainst(marioCode, { birthDate })).toEqual([
        { field: 'birthDate', message: expect.stringContaining('does not agree') },
      ]);
    }
  });

  it('compares only the two digits of the year the code holds (the century is not encoded)', () => {
    expect(checkFiscalCodeAgainst(giuliaCode, { birthDate: '1901-11-07' })).toEqual([]);
  });

  it('reports a gender that disagrees with the code (F adds 40 to the day)', () => {
    expect(checkFiscalCodeAgainst(marioCode, { gender: 'F' })).toEqual([
      { field: 'gender', message: 'gender F does not agree with the fiscal code, which encodes M' },
    ]);
    expect(checkFiscalCodeAgainst(giuliaCode, { gender: 'M' })).toEqual([
      { field: 'gender', message: 'gender M does not agree with the fiscal code, which encodes F' },
    ]);
  });

  it('reports both mismatches at once', () => {
    expect(
      checkFiscalCodeAgainst(marioCode, { birthDate: '1990-01-01', gender: 'F' }).map((m) => m.field),
    ).toEqual(['birthDate', 'gender']);
  });

  it('never compares gender X with the code', () => {
    expect(checkFiscalCodeAgainst(marioCode, { gender: 'X' })).toEqual([]);
    expect(checkFiscalCodeAgainst(giuliaCode, { gender: 'X', birthDate: '2001-11-07' })).toEqual([]);
  });

  it('still checks the birth date when gender is X', () => {
    expect(checkFiscalCodeAgainst(giuliaCode, { gender: 'X', birthDate: '2001-11-08' })).toEqual([
      { field: 'birthDate', message: expect.stringContaining('does not agree') },
    ]);
  });

  it('accepts lowercase input', () => {
    expect(checkFiscalCodeAgainst(marioCode.toLowerCase(), { birthDate: '1985-03-15', gender: 'M' })).toEqual(
      [],
    );
  });

  it('reports an invalid code itself rather than comparing it', () => {
    expect(checkFiscalCodeAgainst('NOT-A-CODE', { birthDate: '1985-03-15', gender: 'M' })).toEqual([
      { field: 'fiscalCode', message: expect.stringContaining('format') },
    ]);
  });
});

describe('fiscalCodeAgreementProblems', () => {
  it('is empty when the record agrees', () => {
    expect(
      fiscalCodeAgreementProblems({ fiscalCode: marioCode, birthDate: '1985-03-15', gender: 'M' }),
    ).toEqual([]);
  });

  it('lists every disagreement under fiscalCode, as registration and import both report it', () => {
    expect(
      fiscalCodeAgreementProblems({ fiscalCode: marioCode, birthDate: '1985-03-16', gender: 'F' }),
    ).toEqual([
      {
        field: 'fiscalCode',
        problems: [
          'birthDate 1985-03-16 does not agree with the fiscal code, which encodes 15/03/85',
          'gender F does not agree with the fiscal code, which encodes M',
        ],
      },
    ]);
  });
});
