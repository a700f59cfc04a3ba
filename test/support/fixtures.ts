import { randomBytes } from 'node:crypto';
import pkg from 'codice-fiscale-js';
import { vatNumberCheckDigit } from '#app/core';

const { CodiceFiscale } = pkg as unknown as { CodiceFiscale: typeof pkg.default };

const SURNAMES = [
  'Rossi',
  'Bianchi',
  'Esposito',
  'Ferrari',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Conti',
];
const NAMES_F = ['Maria', 'Giulia', 'Sara', 'Fatima', 'Elena', 'Chiara', 'Amina', 'Laura'];
const NAMES_M = ['Marco', 'Luca', 'Ahmed', 'Paolo', 'Giovanni', 'Omar', 'Davide', 'Stefano'];

let sequence = 0;

export type PersonSeed = {
  firstName: string;
  lastName: string;
  fiscalCode: string;
  birthDate: string;
  gender: 'F' | 'M';
};

/** A distinct person with a valid fiscal code that agrees with birth date and gender. */
export function person(overrides: { gender?: 'F' | 'M'; birthDate?: string } = {}): PersonSeed {
  const n = ++sequence + Math.floor(Math.random() * 1_000_000) * 1000;
  const gender = overrides.gender ?? (n % 2 ? 'F' : 'M');
  const [year, month, day] = overrides.birthDate
    ? overrides.birthDate.split('-').map(Number)
    : [1960 + (n % 45), 1 + (Math.floor(n / 45) % 12), 1 + (Math.floor(n / 540) % 28)];
  const firstName = (gender === 'F' ? NAMES_F : NAMES_M)[n % 8];
  const lastName = SURNAMES[Math.floor(n / 7) % SURNAMES.length] + String.fromCharCode(65 + (n % 26));
  const fiscalCode = new CodiceFiscale({
    name: firstName,
    surname: lastName,
    gender,
    day,
    month,
    year,
    birthplace: 'Bologna',
    birthplaceProvincia: 'BO',
  }).toString();
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { firstName, lastName, fiscalCode, birthDate, gender };
}

/** A complete, valid body for POST /api/beneficiaries. */
export function beneficiaryBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...person(),
    email: 'person@example.org',
    phone: '+39 051 000000',
    municipality: 'Bologna',
    citizenship: 'IT',
    educationLevel: 3,
    employmentStatus: 'long_term_unemployed',
    disability: false,
    vulnerabilities: ['single_parent'],
    skills: ['warehouse', 'forklift'],
    languages: ['it', 'en'],
    referralSource: 'caritas',
    privacyConsentAt: new Date().toISOString(),
    ...overrides,
  };
}

let companySequence = 0;

/** A valid partita IVA, distinct within a run. */
export function vatNumber(): string {
  const firstTen =
    String(Date.now() % 1e6).padStart(6, '0') + String(++companySequence % 1e4).padStart(4, '0');
  return `${firstTen}${vatNumberCheckDigit(firstTen)}`;
}

/** A complete, valid body for POST /api/companies. */
export function companyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `Officine Bolognesi ${++companySequence}`,
    vatNumber: vatNumber(),
    atecoCode: '25.62.00',
    municipality: 'Bologna',
    employees: 42,
    boardMemberSince: '2021-06-01',
    ...overrides,
  };
}

/** A complete, valid body for POST /api/companies/:companyId/openings. */
export function openingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `Magazziniere ${randomBytes(4).toString('hex')}`,
    description: 'Picking and packing, forklift licence appreciated',
    positions: 2,
    contractType: 'fixed_term',
    municipality: 'Bologna',
    closesOn: '2099-06-30',
    skills: ['Forklift', 'warehouse'],
    ...overrides,
  };
}
