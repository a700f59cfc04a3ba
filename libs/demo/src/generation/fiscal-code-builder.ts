import pkg from 'codice-fiscale-js';

// The package's typings declare a default export, but its CommonJS build exports `{ CodiceFiscale }`.
const { CodiceFiscale } = pkg as unknown as { CodiceFiscale: typeof pkg.default };

const OMOCODIA_LETTERS = 'LMNPQRSTUV';
/** The digit positions the Revenue Agency replaces, rightmost first, when two people share a code. */
const OMOCODIA_POSITIONS = [14, 13, 12, 10, 9, 7, 6];

export interface FiscalCodeHolder {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** The sex the code encodes (a non-binary person's code still encodes F or M). */
  sex: 'F' | 'M';
  /** Belfiore code of the birthplace: a municipality (A944 Bologna) or a foreign country (Z129 Romania). */
  birthplaceCode: string;
}

/** Letters only, without accents: how the Agency reads "Niccolò" or "Sánchez". */
function plainLetters(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function withCheckCharacter(first15: string): string {
  return first15 + CodiceFiscale.getCheckCode(first15);
}

/**
 * The codice fiscale of a person, built from its parts (surname, name, birth date and sex, birthplace)
 * by codice-fiscale-js's own functions, with the check character recomputed.
 */
export function buildFiscalCode(holder: FiscalCodeHolder): string {
  const [year, month, day] = holder.birthDate.split('-').map(Number);
  const first15 =
    CodiceFiscale.surnameCode(plainLetters(holder.lastName)) +
    CodiceFiscale.nameCode(plainLetters(holder.firstName)) +
    CodiceFiscale.dateCode(day, month, year, holder.sex) +
    holder.birthplaceCode;
  return withCheckCharacter(first15);
}

/**
 * The omocodia variant of level `level` (1 = last digit replaced by a letter, up to 7): what the Agency
 * issues to the second, third... person whose data give the same code.
 */
export function omocode(code: string, level: number): string {
  const chars = [...code.slice(0, 15)];
  for (const position of OMOCODIA_POSITIONS.slice(0, level)) {
    const digit = Number(chars[position]);
    if (!Number.isNaN(digit)) chars[position] = OMOCODIA_LETTERS[digit];
  }
  return withCheckCharacter(chars.join(''));
}

/** Hands out codes that are unique within a data set, falling back to omocodia as the Agency does. */
export class FiscalCodeRegistry {
  private readonly issued = new Set<string>();

  issue(holder: FiscalCodeHolder): string {
    const code = buildFiscalCode(holder);
    for (let level = 0; level <= OMOCODIA_POSITIONS.length; level++) {
      const candidate = level === 0 ? code : omocode(code, level);
      if (!this.issued.has(candidate)) {
        this.issued.add(candidate);
        return candidate;
      }
    }
    throw new Error(`No free fiscal code for ${holder.lastName} ${holder.firstName} ${holder.birthDate}`);
  }
}
