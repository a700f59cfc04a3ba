import { randomBytes } from 'node:crypto';

/** What an erased record shows instead of the person's name. */
export const ERASED_FIRST_NAME = 'Erased';
export const ERASED_LAST_NAME = 'Person';
/** Replaces free text about the person in NOT NULL columns (a nullable one becomes null). */
export const ERASED_TEXT = '[erased]';

const TOKEN_PREFIX = 'ERASED-';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A stand-in for the fiscal code of an erased person: 16 characters like the column, unique in
 * practice (45 random bits; the unique index catches the rest), random rather than derived from the
 * code so it cannot be linked back to the person, and never a valid fiscal code (the dash), so a search
 * or a new registration can never match it.
 */
export function erasedFiscalCode(): string {
  const random = randomBytes(9);
  let token = TOKEN_PREFIX;
  for (const byte of random) token += BASE32[byte % BASE32.length];
  return token;
}

/**
 * The beneficiary fields pseudonymised on erasure; the rest (gender, birth date, citizenship,
 * education, employment status, disability, vulnerabilities, referral source, consent date) feeds the
 * counts and the FSE+ reports and is kept (docs/DECISIONS.md, "Erasure keeps what the reports count").
 */
export const ERASED_FIELDS = [
  'firstName',
  'lastName',
  'fiscalCode',
  'email',
  'phone',
  'municipality',
  'skills',
  'languages',
];
