/**
 * Synthetic people for the intake benchmark: every row passes the registration rules (a fiscal code with
 * a right check character that agrees with the birth date and gender), and row i is the same in every run.
 */
import pkg from 'codice-fiscale-js';
import { IMPORT_COLUMNS } from '#app/beneficiaries';

// The package's typings declare a default export, but its CommonJS build exports `{ CodiceFiscale }`.
const { CodiceFiscale } = pkg as unknown as { CodiceFiscale: typeof pkg.default };

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MONTH_LETTERS = 'ABCDEHLMPRST';
/** Bologna's cadastral code: the birthplace is not checked against anything else. */
const BIRTHPLACE = 'A944';

const FIRST_NAMES_F = ['Maria', 'Giulia', 'Sara', 'Fatima', 'Elena', 'Chiara', 'Amina', 'Laura'];
const FIRST_NAMES_M = ['Marco', 'Luca', 'Ahmed', 'Paolo', 'Giovanni', 'Omar', 'Davide', 'Stefano'];
const LAST_NAMES = ['Rossi', 'Bianchi', 'Esposito', 'Ferrari', 'Romano', 'Colombo', 'Ricci', 'Marino'];
const MUNICIPALITIES = ['Bologna', 'Casalecchio di Reno', 'Imola', 'San Lazzaro di Savena', 'Budrio'];
const CITIZENSHIPS = ['IT', 'IT', 'IT', 'RO', 'MA', 'AL', 'UA', 'NG', 'PK', 'IT'];
const EMPLOYMENT = ['unemployed', 'long_term_unemployed', 'inactive', 'employed'];
const REFERRALS = ['parish', 'caritas', 'social_services', 'job_centre', 'web', 'word_of_mouth', 'other'];
const VULNERABILITIES = ['', 'migrant', 'single_parent', 'homeless;over_indebted', ''];
const SKILLS = ['warehouse;forklift', 'cleaning', 'cooking;hygiene', 'retail', 'elder care', ''];

export interface SyntheticPerson {
  fiscalCode: string;
  birthDate: string;
  gender: 'F' | 'M';
}

/** Person number `index` (0 <= index < 26^6): the six name letters spell the index, so codes never repeat. */
export function syntheticPerson(index: number): SyntheticPerson {
  let rest = index;
  let letters = '';
  for (let digit = 0; digit < 6; digit++) {
    letters = LETTERS[rest % 26] + letters;
    rest = Math.floor(rest / 26);
  }
  const gender = index % 2 === 0 ? 'F' : 'M';
  const year = 1960 + (index % 46);
  const month = 1 + (Math.floor(index / 46) % 12);
  const day = 1 + (Math.floor(index / 552) % 28);
  const encodedDay = gender === 'F' ? day + 40 : day;
  const first15 =
    letters + String(year % 100).padStart(2, '0') + MONTH_LETTERS[month - 1] +
    String(encodedDay).padStart(2, '0') + BIRTHPLACE; // prettier-ignore
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { fiscalCode: first15 + CodiceFiscale.getCheckCode(first15), birthDate, gender };
}

/** The cells of one CSV row, every column filled as an intake desk would. */
export function personCells(index: number): string[] {
  const { fiscalCode, birthDate, gender } = syntheticPerson(index);
  const names = gender === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M;
  const firstName = names[index % names.length];
  const lastName = LAST_NAMES[Math.floor(index / 8) % LAST_NAMES.length];
  return [
    firstName,
    lastName,
    fiscalCode,
    birthDate,
    gender,
    `${firstName.toLowerCase()}.${index}@example.org`,
    `+39 051 ${String(100000 + (index % 900000))}`,
    MUNICIPALITIES[index % MUNICIPALITIES.length],
    CITIZENSHIPS[index % CITIZENSHIPS.length],
    String(index % 9),
    EMPLOYMENT[index % EMPLOYMENT.length],
    index % 10 === 0 ? 'true' : 'false',
    VULNERABILITIES[index % VULNERABILITIES.length],
    SKILLS[index % SKILLS.length],
    index % 3 === 0 ? 'it;en' : 'it',
    REFERRALS[index % REFERRALS.length],
    '2026-01-15T09:30:00Z',
  ];
}

/** A CSV file of people `from` to `from + count - 1`; no cell needs quoting. */
export function peopleCsv(from: number, count: number): string {
  const lines = [IMPORT_COLUMNS.join(',')];
  for (let index = from; index < from + count; index++) lines.push(personCells(index).join(','));
  return `${lines.join('\n')}\n`;
}
