import type { FieldProblem } from '#app/core';
import pkg from 'codice-fiscale-js';

// The package's typings declare a default export, but its CommonJS build exports `{ CodiceFiscale }`.
const { CodiceFiscale } = pkg as unknown as { CodiceFiscale: typeof pkg.default };

/** Surname, name, YY, month letter, DD (+40 for women), birthplace letter + 3, check letter. */
const FISCAL_CODE_PATTERN =
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Omocodia: when two people share a code, the Revenue Agency replaces digits with these letters. */
const OMOCODIA_LETTERS = 'LMNPQRSTUV';
const MONTH_LETTERS = 'ABCDEHLMPRST';
const FEMALE_DAY_OFFSET = 40;

export type FiscalCodeGender = 'F' | 'M';

/** What a fiscal code tells about its holder; the century is not encoded. */
export interface FiscalCodeFacts {
  yearOfCentury: number;
  month: number;
  day: number;
  gender: FiscalCodeGender;
}

export type FiscalCodeProblem = 'format' | 'check_character' | 'impossible_date';

export type FiscalCodeParse =
  { ok: true; facts: FiscalCodeFacts } | { ok: false; problem: FiscalCodeProblem };

export interface FiscalCodeMismatch {
  field: 'fiscalCode' | 'birthDate' | 'gender';
  message: string;
}

const PROBLEM_MESSAGES: Record<FiscalCodeProblem, string> = {
  format: 'is not in the format of an Italian fiscal code (16 characters: AAAAAA00A00A000A)',
  check_character: 'has a wrong check character',
  impossible_date: 'encodes a birth date that does not exist',
};

export function describeFiscalCodeProblem(problem: FiscalCodeProblem): string {
  return PROBLEM_MESSAGES[problem];
}

export function normaliseFiscalCode(code: string): string {
  return code.trim().toUpperCase();
}

function digitsOf(part: string): number {
  const digits = [...part].map((char) =>
    OMOCODIA_LETTERS.includes(char) ? String(OMOCODIA_LETTERS.indexOf(char)) : char,
  );
  return Number(digits.join(''));
}

function daysInMonth(month: number, yearOfCentury: number): number {
  // Either century may be meant, and one of 19YY/20YY is a leap year exactly when YY is divisible by 4
  // (1900 is not, 2000 is).
  if (month === 2) return yearOfCentury % 4 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Format, check character (via codice-fiscale-js) and an encoded date that exists; case-insensitive. */
export function parseFiscalCode(input: string): FiscalCodeParse {
  const code = normaliseFiscalCode(input);
  if (!FISCAL_CODE_PATTERN.test(code)) return { ok: false, problem: 'format' };
  if (!CodiceFiscale.check(code)) return { ok: false, problem: 'check_character' };
  const yearOfCentury = digitsOf(code.slice(6, 8));
  const month = MONTH_LETTERS.indexOf(code[8]) + 1;
  const encodedDay = digitsOf(code.slice(9, 11));
  const gender: FiscalCodeGender = encodedDay > FEMALE_DAY_OFFSET ? 'F' : 'M';
  const day = gender === 'F' ? encodedDay - FEMALE_DAY_OFFSET : encodedDay;
  if (day < 1 || day > daysInMonth(month, yearOfCentury)) return { ok: false, problem: 'impossible_date' };
  return { ok: true, facts: { yearOfCentury, month, day, gender } };
}

export function isFiscalCode(value: unknown): value is string {
  return typeof value === 'string' && parseFiscalCode(value).ok;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The ways a fiscal code disagrees with the other facts given about the person (empty when it agrees).
 * Gender X (non-binary) is never compared: the code only knows F and M, and the person's own
 * declaration prevails.
 */
export function checkFiscalCodeAgainst(
  code: string,
  facts: { birthDate?: string | null; gender?: 'F' | 'M' | 'X' | null },
): FiscalCodeMismatch[] {
  const parsed = parseFiscalCode(code);
  if (!parsed.ok)
    return [{ field: 'fiscalCode', message: `fiscalCode ${describeFiscalCodeProblem(parsed.problem)}` }];
  const encoded = parsed.facts;
  const mismatches: FiscalCodeMismatch[] = [];
  if (facts.birthDate) {
    const [year, month, day] = facts.birthDate.split('-').map(Number);
    if (year % 100 !== encoded.yearOfCentury || month !== encoded.month || day !== encoded.day) {
      mismatches.push({
        field: 'birthDate',
        message: `birthDate ${facts.birthDate} does not agree with the fiscal code, which encodes ${pad(encoded.day)}/${pad(encoded.month)}/${pad(encoded.yearOfCentury)}`,
      });
    }
  }
  if ((facts.gender === 'F' || facts.gender === 'M') && facts.gender !== encoded.gender) {
    mismatches.push({
      field: 'gender',
      message: `gender ${facts.gender} does not agree with the fiscal code, which encodes ${encoded.gender}`,
    });
  }
  return mismatches;
}

/**
 * The 400 details for a record whose fiscal code disagrees with its birth date or gender, in the shape
 * of the validation pipe's (empty when it agrees); shared by registration and CSV import.
 */
export function fiscalCodeAgreementProblems(record: {
  fiscalCode: string;
  birthDate?: string | null;
  gender?: 'F' | 'M' | 'X' | null;
}): FieldProblem[] {
  const mismatches = checkFiscalCodeAgainst(record.fiscalCode, {
    birthDate: record.birthDate,
    gender: record.gender,
  });
  return mismatches.length === 0
    ? []
    : [{ field: 'fiscalCode', problems: mismatches.map((mismatch) => mismatch.message) }];
}
