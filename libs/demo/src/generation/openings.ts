import { type Day, instant, isoInstant, isoOf } from './calendar.js';
import type { Company } from './companies.js';
import type { DemoRandom } from './random.js';
import type { OpeningRow } from './rows.js';

const WEEK = 7;
const POSITIONS: ReadonlyArray<readonly [number, number]> = [
  [1, 45],
  [2, 30],
  [3, 15],
  [4, 6],
  [5, 4],
];
const CONTRACT_LABELS: Record<string, string> = {
  permanent: 'a tempo indeterminato',
  fixed_term: 'a tempo determinato',
  apprenticeship: 'di apprendistato',
  temporary_agency: 'in somministrazione',
  other: 'part-time a chiamata',
};

export interface Opening {
  row: OpeningRow;
  company: Company;
  opens: Day;
  closes: Day;
  /** Days of the hires so far, and of the proposals, to keep the API's rules true in any order of generation. */
  hireDays: Day[];
  proposalDays: Day[];
  proposedCases: Set<string>;
}

/**
 * The Board's openings through the years, and the rules the API enforces on them: a proposal goes to
 * an opening that is open (between its creation and closing day, with positions left on that day) and
 * a hire never takes more positions than offered. People are generated one after another, not in
 * calendar order, so the checks look at the days of every hire and proposal, not at a running count.
 */
export class OpeningBoard {
  readonly openings: Opening[] = [];
  private readonly byWeek = new Map<number, Opening[]>();

  constructor(private readonly random: DemoRandom) {}

  /** Spreads about `total` openings over the companies' membership, bigger companies posting more. */
  generate(companies: readonly Company[], total: number, from: Day, asOf: Day, createdById: string): void {
    const weights = companies.map((company) => Math.sqrt(company.row.employees));
    const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
    companies.forEach((company, index) => {
      const start = Math.max(company.since, from);
      const count = Math.max(1, Math.round((total * weights[index]) / weightSum));
      for (let n = 0; n < count; n++) this.add(company, this.random.int(start, asOf), createdById);
    });
  }

  /** A fresh opening of a company, e.g. so a company's demo user finds candidates waiting. */
  add(company: Company, opens: Day, createdById: string): Opening {
    const random = this.random;
    const job = random.pick(company.profile.jobs);
    const contract = random.weighted(company.profile.contracts);
    const closes = opens + random.int(30, 90);
    const hours = random.pick([20, 24, 30, 36, 40]);
    const createdAt = isoInstant(instant(opens, random.int(480, 960)));
    const opening: Opening = {
      company,
      opens,
      closes,
      hireDays: [],
      proposalDays: [],
      proposedCases: new Set(),
      row: {
        id: random.uuid(),
        company_id: company.row.id,
        title: job.title,
        description: `${job.title} presso ${company.row.name} (${company.row.municipality}). Contratto ${CONTRACT_LABELS[contract]}, ${hours} ore settimanali. Richiesto: ${job.skills.join(', ')}.`,
        positions: random.weighted(POSITIONS),
        hires: 0,
        contract_type: contract,
        municipality: company.row.municipality,
        closes_on: isoOf(closes),
        skills: [...job.skills],
        status: 'open',
        created_by_id: createdById,
        created_at: createdAt,
        updated_at: createdAt,
      },
    };
    this.openings.push(opening);
    for (let week = Math.floor(opens / WEEK); week <= Math.floor(closes / WEEK); week++) {
      const list = this.byWeek.get(week) ?? [];
      list.push(opening);
      this.byWeek.set(week, list);
    }
    return opening;
  }

  /** An opening that takes a proposal of this case on this day, preferring one that asks for the person's skills. */
  pickFor(caseId: string, day: Day, skills: readonly string[]): Opening | null {
    const candidates = (this.byWeek.get(Math.floor(day / WEEK)) ?? []).filter(
      (opening) =>
        opening.opens <= day &&
        day <= opening.closes &&
        !opening.proposedCases.has(caseId) &&
        this.hiresOnOrBefore(opening, day) < opening.row.positions,
    );
    if (!candidates.length) return null;
    const matching = candidates.filter((opening) =>
      opening.row.skills.some((skill) => skills.includes(skill)),
    );
    return this.random.pick(matching.length && this.random.chance(0.7) ? matching : candidates);
  }

  propose(opening: Opening, caseId: string, day: Day): void {
    opening.proposedCases.add(caseId);
    opening.proposalDays.push(day);
  }

  /**
   * Whether a hire on this day keeps every rule: a position is left overall, and every other proposal
   * made on or after the hire still found a position free on its own day.
   */
  canHire(opening: Opening, day: Day): boolean {
    if (opening.hireDays.length >= opening.row.positions) return false;
    return opening.proposalDays
      .filter((proposalDay) => proposalDay >= day)
      .every((proposalDay) => this.hiresOnOrBefore(opening, proposalDay) + 1 < opening.row.positions);
  }

  hire(opening: Opening, day: Day): void {
    opening.hireDays.push(day);
    opening.row.hires = opening.hireDays.length;
  }

  /** Statuses as of the end of the history: filled, closed once past its closing day, open otherwise. */
  settle(asOf: Day): void {
    for (const opening of this.openings) {
      const row = opening.row;
      row.status = row.hires === row.positions ? 'filled' : opening.closes < asOf ? 'closed' : 'open';
      const lastChange = Math.min(asOf, row.status === 'open' ? opening.opens : opening.closes);
      row.updated_at = isoInstant(instant(Math.max(lastChange, opening.opens), 17 * 60));
    }
  }

  private hiresOnOrBefore(opening: Opening, day: Day): number {
    return opening.hireDays.filter((hireDay) => hireDay <= day).length;
  }
}
