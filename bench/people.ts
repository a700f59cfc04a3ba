/**
 * Synthetic people for the intake benchmark: every row passes the registration rules (a fiscal code with
 * a right check character that agrees with the birth date and gender), and row i is the same in every run.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MONTH_LETTERS = 'ABCDEHLMPRST';
/** Value of a character in an odd (1st, 3rd, ...) position, from the Ministry of Finance decree of 1976. */
const ODD_VALUES: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
}; // prettier-ignore
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

export function fiscalCodeCheckCharacter(first15: string): string {
  let sum = 0;
  for (let position = 0; position < 15; position++) {
    const char = first15[position];
    // Positions are counted from 1, so index 0 is an odd position.
    if (position % 2 === 0) sum += ODD_VALUES[char];
    else sum += char >= '0' && char <= '9' ? Number(char) : LETTERS.indexOf(char);
  }
  return LETTERS[sum % 26];
}

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
  return { fiscalCode: first15 + fiscalCodeCheckCharacter(first15), birthDate, gender };
}

export const CSV_HEADER = [
  'firstName',
  'lastName',
  'fiscalCode',
  'birthDate',
  'gender',
  'email',
  'phone',
  'municipality',
  'citizenship',
  'educationLevel',
  'employmentStatus',
  'disability',
  'vulnerabilities',
  'skills',
  'languages',
  'referralSource',
  'privacyConsentAt',
];

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
  const lines = [CSV_HEADER.join(',')];
  for (let index = from; index < from + count; index++) lines.push(personCells(index).join(','));
  return `${lines.join('\n')}\n`;
}
