import { type Day, dayOf, isoInstant, isoOf } from './calendar.js';
import { COMMON_MEN_NAMES, COMMON_WOMEN_NAMES } from './catalogue/italian-names.constant.js';
import { NATIONALITIES, type Nationality } from './catalogue/nationalities.constant.js';
import { ITALIAN_BIRTHPLACES, RESIDENCE_MUNICIPALITIES } from './catalogue/places.constant.js';
import { GENERAL_SKILLS, SECTORS } from './catalogue/sectors.constant.js';
import type { FiscalCodeRegistry } from './fiscal-code-builder.js';
import type { DemoRandom } from './random.js';
import type { BeneficiaryRow } from './rows.js';

/**
 * The published shape of the people the programme serves: about 40% over 50, about a third foreign
 * nationals, referred mostly by parishes, Caritas and social services, mostly (long-term) unemployed.
 */
const SHAPE = {
  foreignShare: 0.33,
  disabilityShare: 0.1,
  nonBinaryShare: 0.004,
  /** Foreign nationals up to 30 who were born in Italy (second generation). */
  youngBornInItalyShare: 0.3,
  /** Italian citizens born abroad. */
  naturalisedShare: 0.05,
} as const;

/** Age at entry, in bands: 40% are 50 or older. */
const AGE_BANDS: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[18, 24], 7],
  [[25, 29], 8],
  [[30, 39], 17],
  [[40, 49], 28],
  [[50, 54], 17],
  [[55, 59], 14],
  [[60, 66], 9],
];

/** Share of women by nationality: care work draws women from Eastern Europe and Latin America. */
const WOMEN_SHARE: Record<string, number> = {
  IT: 0.52,
  RO: 0.65,
  MA: 0.45,
  AL: 0.5,
  UA: 0.8,
  PK: 0.2,
  NG: 0.5,
  TN: 0.35,
  BD: 0.2,
  CN: 0.5,
  PE: 0.65,
  MD: 0.7,
  PH: 0.65,
  SN: 0.25,
  EG: 0.2,
  LK: 0.45,
  GH: 0.45,
};

const REFERRALS: ReadonlyArray<readonly [string, number]> = [
  ['parish', 28],
  ['caritas', 20],
  ['social_services', 18],
  ['word_of_mouth', 13],
  ['web', 11],
  ['job_centre', 7],
  ['other', 3],
];

const EDUCATION_ITALIAN: ReadonlyArray<readonly [number, number]> = [
  [1, 5],
  [2, 40],
  [3, 35],
  [4, 5],
  [6, 10],
  [7, 5],
];
const EDUCATION_FOREIGN: ReadonlyArray<readonly [number, number]> = [
  [0, 3],
  [1, 12],
  [2, 30],
  [3, 33],
  [4, 5],
  [6, 12],
  [7, 5],
];

const EMAIL_DOMAINS = ['example.org', 'example.com', 'example.net'];

export interface Person {
  row: BeneficiaryRow;
  ageAtEntry: number;
  foreign: boolean;
  /** Whose Italian is not yet enough for most jobs: offered a language course first. */
  needsItalian: boolean;
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The same calendar day `years` earlier (29 February falls back to the 28th). */
function yearsBefore(day: Day, years: number): Day {
  const [year, month, date] = isoOf(day).split('-').map(Number);
  const lastDay = new Date(Date.UTC(year - years, month, 0)).getUTCDate();
  return dayOf(
    `${year - years}-${String(month).padStart(2, '0')}-${String(Math.min(date, lastDay)).padStart(2, '0')}`,
  );
}

/** A birth day that makes the person exactly `age` on the entry day. */
function birthDateFor(random: DemoRandom, entry: Day, age: number): Day {
  const latest = yearsBefore(entry, age);
  const earliest = yearsBefore(entry, age + 1) + 1;
  return random.int(earliest, latest);
}

export function generatePerson(
  random: DemoRandom,
  fiscalCodes: FiscalCodeRegistry,
  entry: Day,
  registeredAt: number,
  counsellorId: string,
): Person {
  const faker = random.faker;
  const [minAge, maxAge] = random.weighted(AGE_BANDS);
  const age = random.int(minAge, maxAge);
  const foreign = random.chance(SHAPE.foreignShare);
  const nationality: Nationality | null = foreign
    ? random.weighted(NATIONALITIES.map((candidate) => [candidate, candidate.weight] as const))
    : random.chance(SHAPE.naturalisedShare)
      ? random.weighted(NATIONALITIES.map((candidate) => [candidate, candidate.weight] as const))
      : null;
  const citizenship = foreign && nationality ? nationality.country : 'IT';
  const bornInItaly = !nationality || (foreign && age <= 30 && random.chance(SHAPE.youngBornInItalyShare));

  const sex: 'F' | 'M' = random.chance(WOMEN_SHARE[citizenship] ?? 0.5) ? 'F' : 'M';
  const gender = random.chance(SHAPE.nonBinaryShare) ? 'X' : sex;
  const firstName = nationality
    ? random.pick(sex === 'F' ? nationality.women : nationality.men)
    : random.chance(0.8)
      ? random.pick(sex === 'F' ? COMMON_WOMEN_NAMES : COMMON_MEN_NAMES)
      : faker.person.firstName(sex === 'F' ? 'female' : 'male');
  const lastName = nationality ? random.pick(nationality.surnames) : faker.person.lastName();
  const birth = birthDateFor(random, entry, age);
  const birthplaceCode = bornInItaly
    ? random.weighted(ITALIAN_BIRTHPLACES).code
    : (nationality?.birthplaceCode ?? 'A944');
  const fiscalCode = fiscalCodes.issue({
    firstName,
    lastName,
    birthDate: isoOf(birth),
    sex,
    birthplaceCode,
  });

  const employment = random.weighted<BeneficiaryRow['employment_status']>(
    age >= 50
      ? [
          ['long_term_unemployed', 58],
          ['unemployed', 22],
          ['inactive', 9],
          ['employed', 11],
        ]
      : [
          ['long_term_unemployed', 38],
          ['unemployed', 34],
          ['inactive', 14],
          ['employed', 14],
        ],
  );
  const vulnerabilities: string[] = [];
  if (foreign && random.chance(0.75)) vulnerabilities.push('migrant');
  if (random.chance(0.05)) vulnerabilities.push('homeless');
  if (random.chance(sex === 'F' && age >= 22 && age <= 55 ? 0.22 : 0.04))
    vulnerabilities.push('single_parent');
  if (random.chance(0.09)) vulnerabilities.push('over_indebted');
  if (random.chance(sex === 'M' ? 0.04 : 0.01)) vulnerabilities.push('ex_offender');
  if (random.chance(0.04)) vulnerabilities.push('other');

  const needsItalian = foreign && !bornInItaly && random.chance(0.35);
  const languages = nationality && !bornInItaly ? [...nationality.languages] : ['it'];
  if (!languages.includes('it') && !needsItalian) languages.push('it');
  if (!nationality && random.chance(0.35)) languages.push('en');
  const sector = random.weighted(SECTORS.map((profile) => [profile, profile.weight] as const));
  const skills = new Set(random.pick(sector.jobs).skills);
  if (random.chance(0.4)) skills.add(random.pick(random.pick(SECTORS).jobs).skills[0]);
  if (random.chance(0.45)) skills.add(random.pick(GENERAL_SKILLS));

  const consentAt = isoInstant(registeredAt);
  const email = random.chance(0.65)
    ? `${slug(firstName)}.${slug(lastName)}${random.int(1, 99)}@${random.pick(EMAIL_DOMAINS)}`
    : null;
  return {
    ageAtEntry: age,
    foreign,
    needsItalian,
    row: {
      id: random.uuid(),
      first_name: firstName,
      last_name: lastName,
      fiscal_code: fiscalCode,
      birth_date: isoOf(birth),
      gender,
      email,
      phone: random.chance(0.88) ? `+39 3${random.int(20, 93)} ${random.digits(7)}` : null,
      municipality: random.weighted(RESIDENCE_MUNICIPALITIES),
      citizenship,
      education_level: random.weighted(foreign ? EDUCATION_FOREIGN : EDUCATION_ITALIAN),
      employment_status: employment,
      disability: random.chance(SHAPE.disabilityShare),
      vulnerabilities,
      skills: [...skills],
      languages,
      referral_source: random.weighted(
        foreign
          ? REFERRALS.map(
              ([source, weight]) => [source, source === 'caritas' ? weight * 1.6 : weight] as const,
            )
          : REFERRALS,
      ),
      privacy_consent_at: consentAt,
      created_by_id: counsellorId,
      created_at: consentAt,
      updated_at: consentAt,
    },
  };
}
