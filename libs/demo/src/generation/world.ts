import type { DateRange } from '#app/internships';
import { type Day, dayOf, instant, isoInstant, isWeekend, monthOf, yearOf } from './calendar.js';
import { type Company, generateCompanies, VatNumbers } from './companies.js';
import { CourseCalendar } from './courses.js';
import { FiscalCodeRegistry } from './fiscal-code-builder.js';
import { CaseRun, type JourneyContext, JourneyRows } from './journeys.js';
import { OpeningBoard } from './openings.js';
import { generatePerson } from './people.js';
import { DemoRandom } from './random.js';
import type {
  BeneficiaryRow,
  CaseEventRow,
  CaseRow,
  CompanyRow,
  CourseRow,
  FundingLineRow,
  OpeningRow,
  StaffRef,
} from './rows.js';

/** The first day of the history: the programme's case records start in January 2021. */
export const HISTORY_START = '2021-01-11';

/** The self-employment funding line of the programme (PN Metro plus 2021-2027, FSE+). */
export const DEMO_FUNDING_LINE = {
  code: 'BO4.4.8.1.a',
  name: "Insieme per il lavoro: sostegno all'autoimpiego (PN Metro plus 2021-2027)",
  fund: 'FSE+',
  cup: 'F31D23000140007',
  programmedCents: 400_000_000,
} as const;

/** Intakes per year relative to 2022, as the programme grew; fewer in August and over Christmas. */
const YEAR_RATE: Record<number, number> = {
  2021: 0.85,
  2022: 1,
  2023: 1.1,
  2024: 1.15,
  2025: 1.1,
  2026: 1.05,
};
const MONTH_RATE: Record<number, number> = { 1: 0.9, 8: 0.35, 12: 0.7 };
/** Companies whose demo users see the candidate view. */
const SHOWCASE_COMPANIES = 5;

export interface DemoWorldOptions {
  /** People served (one case each). */
  size: number;
  seed: number;
  /** YYYY-MM-DD: the last day of the history. */
  asOf: string;
  counsellors: readonly StaffRef[];
  coordinators: readonly StaffRef[];
}

export interface DemoWorld {
  companies: CompanyRow[];
  fundingLine: FundingLineRow;
  courses: CourseRow[];
  beneficiaries: BeneficiaryRow[];
  cases: CaseRow[];
  openings: OpeningRow[];
  rows: JourneyRows;
  /** In history order; `ord` numbers them. */
  events: CaseEventRow[];
  /** Busy Board companies that get a demo company user. */
  showcaseCompanies: CompanyRow[];
}

/** 100 and more Board members, growing with the size of the data set. */
export function companyCount(size: number): number {
  return 100 + Math.ceil(size / 250);
}

/** Draws intake days: weekdays only, weighted by the year's and the month's rate. */
function intakeDays(random: DemoRandom, count: number, from: Day, to: Day): Day[] {
  const days: Day[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let day = from; day <= to; day++) {
    if (isWeekend(day)) continue;
    total += (YEAR_RATE[yearOf(day)] ?? 1) * (MONTH_RATE[monthOf(day)] ?? 1);
    days.push(day);
    cumulative.push(total);
  }
  const drawn: Day[] = [];
  for (let n = 0; n < count; n++) {
    const roll = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] <= roll) low = middle + 1;
      else high = middle;
    }
    drawn.push(days[low]);
  }
  return drawn.sort((a, b) => a - b);
}

/** The Board companies with the most openings, one per sector, each given an opening posted in the last weeks. */
function showcase(
  random: DemoRandom,
  board: OpeningBoard,
  companies: readonly Company[],
  asOf: Day,
  by: string,
) {
  const openingsOf = new Map<string, number>();
  for (const opening of board.openings)
    openingsOf.set(opening.company.row.id, (openingsOf.get(opening.company.row.id) ?? 0) + 1);
  const chosen: Company[] = [];
  const sectors = new Set<string>();
  for (const company of [...companies].sort(
    (a, b) => (openingsOf.get(b.row.id) ?? 0) - (openingsOf.get(a.row.id) ?? 0),
  )) {
    if (chosen.length === SHOWCASE_COMPANIES) break;
    if (sectors.has(company.profile.sector)) continue;
    sectors.add(company.profile.sector);
    chosen.push(company);
    board.add(company, asOf - random.int(10, 30), by);
  }
  return chosen;
}

/**
 * The whole demo data set, generated in memory from one seed: Board companies, courses, openings, and
 * one case per person with its full history (the events and the rows they speak of). Nothing here
 * touches the database, so the same seed gives the same world every time.
 */
export function buildDemoWorld(options: DemoWorldOptions): DemoWorld {
  const random = new DemoRandom(options.seed);
  const asOf = dayOf(options.asOf);
  const start = dayOf(HISTORY_START);
  const [coordinator] = options.coordinators;
  const vatNumbers = new VatNumbers(random);
  const companies = generateCompanies(random, vatNumbers, companyCount(options.size), start, asOf);
  const launched = isoInstant(instant(start - 7, 9 * 60));
  const fundingLine: FundingLineRow = {
    id: random.uuid(),
    code: DEMO_FUNDING_LINE.code,
    name: DEMO_FUNDING_LINE.name,
    fund: DEMO_FUNDING_LINE.fund,
    cup: DEMO_FUNDING_LINE.cup,
    programmed_cents: DEMO_FUNDING_LINE.programmedCents,
    committed_cents: 0,
    disbursed_cents: 0,
    created_by_id: coordinator.id,
    created_at: launched,
    updated_at: launched,
  };
  const courses = new CourseCalendar(random);
  courses.generate(Math.round(options.size * 0.4), start + 14, asOf + 90, asOf, coordinator.id);
  const board = new OpeningBoard(random);
  board.generate(companies, Math.round(options.size * 0.22), start - 30, asOf, coordinator.id);
  const showcaseCompanies = showcase(random, board, companies, asOf, coordinator.id);

  const context: JourneyContext = {
    random,
    asOf,
    horizon: instant(asOf, 17 * 60),
    companies,
    board,
    courses,
    vatNumbers,
    fundingLine,
    coordinator,
    rows: new JourneyRows(),
    internshipsByCompany: new Map<string, DateRange[]>(),
  };
  const fiscalCodes = new FiscalCodeRegistry();
  const beneficiaries: BeneficiaryRow[] = [];
  const cases: CaseRow[] = [];
  const journeys: CaseRun[] = [];
  for (const entry of intakeDays(random, options.size, start, asOf)) {
    const counsellor = random.pick(options.counsellors);
    const openedAt = instant(entry, random.int(510, 930));
    const person = generatePerson(
      random,
      fiscalCodes,
      entry,
      openedAt - random.int(5, 40) * 60_000,
      counsellor.id,
    );
    const opened = isoInstant(openedAt);
    const caseRow: CaseRow = {
      id: random.uuid(),
      beneficiary_id: person.row.id,
      counsellor_id: counsellor.id,
      opened_at: opened,
      last_activity_at: opened,
      created_at: opened,
      updated_at: opened,
    };
    const run = new CaseRun(context, person, caseRow);
    run.run(entry, openedAt);
    beneficiaries.push(person.row);
    cases.push(caseRow);
    journeys.push(run);
  }
  board.settle(asOf);

  // One history for all cases, in the order things happened; a case's own events keep their order
  // because the sort is stable and each journey's instants only move forward.
  const events = journeys
    .flatMap((run) => run.journey.events)
    .sort((a, b) => a.at - b.at)
    .map(({ at, ...event }, index) => ({ ...event, occurred_at: isoInstant(at), ord: index }));

  return {
    companies: companies.map((company) => company.row),
    fundingLine,
    courses: courses.editions.map((edition) => edition.row),
    beneficiaries,
    cases,
    openings: board.openings.map((opening) => opening.row),
    rows: context.rows,
    events,
    showcaseCompanies: showcaseCompanies.map((company) => company.row),
  };
}
