import { vatNumberCheckDigit } from '#app/core';
import { type Day, dayOf, instant, isoInstant, isoOf, workday } from './calendar.js';
import { COMPANY_MUNICIPALITIES } from './catalogue/places.constant.js';
import {
  NAME_PLACES,
  NAME_SAINTS,
  NAME_WORDS,
  SECTORS,
  type SectorProfile,
} from './catalogue/sectors.constant.js';
import type { DemoRandom } from './random.js';
import type { CompanyRow } from './rows.js';

/** The digits 8-10 of a partita IVA name the provincial tax office that issued it: 037 is Bologna. */
const BOLOGNA_OFFICE = '037';
const MIN_EMPLOYEES = 3;
const MAX_EMPLOYEES = 800;
/** The programme's Board was founded in 2017; about a third of today's members joined in its first year. */
const BOARD_FOUNDED = '2017-06-01';

export interface Company {
  row: CompanyRow;
  profile: SectorProfile;
  /** Board member from this day on: openings, internships and hires come after it. */
  since: Day;
}

/** Partite IVA unique within the data set, each with a valid check digit. */
export class VatNumbers {
  private readonly issued = new Set<string>();

  constructor(private readonly random: DemoRandom) {}

  issue(): string {
    for (;;) {
      const firstTen = this.random.digits(7).replace(/^0/, '1') + BOLOGNA_OFFICE;
      const vat = `${firstTen}${vatNumberCheckDigit(firstTen)}`;
      if (!this.issued.has(vat)) {
        this.issued.add(vat);
        return vat;
      }
    }
  }
}

function fillPattern(pattern: string, random: DemoRandom): string {
  return pattern
    .replace('{surname}', random.faker.person.lastName())
    .replace('{firstName}', random.faker.person.firstName())
    .replace('{place}', random.pick(NAME_PLACES))
    .replace('{word}', random.pick(NAME_WORDS))
    .replace('{saint}', random.pick(NAME_SAINTS));
}

/** Log-normal around the sector's median: most members are small firms, a few employ hundreds. */
function headCount(profile: SectorProfile, random: DemoRandom): number {
  const employees = Math.round(Math.exp(random.normal(Math.log(profile.medianEmployees), 1.1)));
  return Math.min(MAX_EMPLOYEES, Math.max(MIN_EMPLOYEES, employees));
}

export function generateCompanies(
  random: DemoRandom,
  vatNumbers: VatNumbers,
  count: number,
  systemStart: Day,
  asOf: Day,
): Company[] {
  const founded = dayOf(BOARD_FOUNDED);
  const names = new Set<string>();
  const companies: Company[] = [];
  const sectorChoices = SECTORS.map((profile) => [profile, profile.weight] as const);
  for (let index = 0; index < count; index++) {
    const profile = random.weighted(sectorChoices);
    let name = fillPattern(random.pick(profile.namePatterns), random);
    while (names.has(name)) name = fillPattern(random.pick(profile.namePatterns), random);
    names.add(name);
    const since = workday(
      random.chance(0.3) ? founded + random.int(0, 365) : founded + random.int(366, asOf - 60 - founded),
    );
    // Members from before the system went live were registered on its first day.
    const registeredAt = instant(Math.max(since, systemStart), random.int(480, 960));
    companies.push({
      profile,
      since,
      row: {
        id: random.uuid(),
        name,
        vat_number: vatNumbers.issue(),
        ateco_code: random.pick(profile.atecoCodes),
        municipality: random.weighted(COMPANY_MUNICIPALITIES),
        employees: headCount(profile, random),
        board_member_since: isoOf(since),
        created_at: isoInstant(registeredAt),
        updated_at: isoInstant(registeredAt),
      },
    });
  }
  return companies;
}
