/**
 * The regional rules for internships (tirocini) in Emilia-Romagna, as plain code with no Nest or
 * database in it. The thresholds come from a config object so another region, or a change of the
 * regional rules, is a new object rather than new code.
 *
 * Dates are calendar days `YYYY-MM-DD`; `endsOn` is the internship's last day. Length is measured in
 * calendar months from `startsOn` to the day after `endsOn`, so an internship of N months starting on
 * day D ends on D + N months - 1 day (2026-03-01 for two months ends 2026-04-30). Adding months to a
 * day the target month lacks gives that month's last day (2026-01-31 + 1 month = 2026-02-28).
 * Precisely: it lasts at least N months when endsOn >= startsOn + N months - 1 day, and at most N
 * months when endsOn <= startsOn + N months - 1 day.
 */

export enum PersonCategory {
  STANDARD = 'standard',
  /** Any vulnerability, or long-term unemployed. */
  DISADVANTAGED = 'disadvantaged',
  DISABILITY = 'disability',
}

export interface HostQuotaTier {
  /** Companies with at most this many employees ... */
  maxEmployees: number;
  /** ... may host this many interns at once. */
  interns: number;
}

export interface InternshipRulesConfig {
  minMonthlyAllowanceCents: number;
  minMonths: number;
  maxMonths: Record<PersonCategory, number>;
  hostQuota: {
    /** In increasing order of maxEmployees. */
    tiers: HostQuotaTier[];
    /** Above the last tier: this percentage of the employees, rounded up. */
    percentAbove: number;
  };
}

export const EMILIA_ROMAGNA_INTERNSHIP_RULES: Readonly<InternshipRulesConfig> = Object.freeze({
  minMonthlyAllowanceCents: 45_000,
  minMonths: 2,
  maxMonths: {
    [PersonCategory.STANDARD]: 6,
    [PersonCategory.DISADVANTAGED]: 12,
    [PersonCategory.DISABILITY]: 24,
  },
  hostQuota: {
    tiers: [
      { maxEmployees: 5, interns: 1 },
      { maxEmployees: 20, interns: 2 },
    ],
    percentAbove: 10,
  },
});

export enum InternshipRule {
  DATE_ORDER = 'dateOrder',
  MINIMUM_ALLOWANCE = 'minimumAllowance',
  MINIMUM_LENGTH = 'minimumLength',
  MAXIMUM_LENGTH = 'maximumLength',
  HOST_QUOTA = 'hostQuota',
}

export interface InternshipLength {
  months: number;
  days: number;
}

/** Why a rule refused an internship: the rule, its limit and what was asked, for the caller to act on. */
export interface RuleRefusal {
  rule: InternshipRule;
  message: string;
  details: {
    rule: InternshipRule;
    limit: number | string;
    requested: number | string | InternshipLength;
    [fact: string]: unknown;
  };
}

export interface InternshipPerson {
  disability: boolean;
  vulnerabilities: readonly string[];
  employmentStatus: string | null;
}

export interface InternshipTerms {
  startsOn: string;
  endsOn: string;
  monthlyAllowanceCents: number;
  person: InternshipPerson;
}

export interface DateRange {
  startsOn: string;
  endsOn: string;
}

const LONG_TERM_UNEMPLOYED = 'long_term_unemployed';
const DAY_MS = 24 * 60 * 60 * 1000;

const CATEGORY_LABEL: Record<PersonCategory, string> = {
  [PersonCategory.STANDARD]: 'no disadvantage recorded',
  [PersonCategory.DISADVANTAGED]: 'disadvantaged',
  [PersonCategory.DISABILITY]: 'person with a disability',
};

function parse(day: string): [number, number, number] {
  const [year, month, date] = day.split('-').map(Number);
  return [year, month, date];
}

function toUtc(day: string): number {
  const [year, month, date] = parse(day);
  return Date.UTC(year, month - 1, date);
}

function fromUtc(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(day: string, days: number): string {
  return fromUtc(toUtc(day) + days * DAY_MS);
}

export function addMonths(day: string, months: number): string {
  const [year, month, date] = parse(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDate = Math.min(date, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(targetDate).padStart(2, '0')}`;
}

/** The last day of an internship of `months` months starting on `startsOn`. */
export function lastDayAfterMonths(startsOn: string, months: number): string {
  return addDays(addMonths(startsOn, months), -1);
}

/** Whole calendar months and remaining days from `startsOn` through `endsOn` (both included). */
export function lengthOf(startsOn: string, endsOn: string): InternshipLength {
  const dayAfter = addDays(endsOn, 1);
  const [startYear, startMonth] = parse(startsOn);
  const [endYear, endMonth] = parse(dayAfter);
  let months = (endYear - startYear) * 12 + (endMonth - startMonth);
  if (months > 0 && addMonths(startsOn, months) > dayAfter) months -= 1;
  return { months, days: Math.round((toUtc(dayAfter) - toUtc(addMonths(startsOn, months))) / DAY_MS) };
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

export function describeLength({ months, days }: InternshipLength): string {
  if (days === 0) return plural(months, 'month');
  if (months === 0) return plural(days, 'day');
  return `${plural(months, 'month')} and ${plural(days, 'day')}`;
}

/** A disability allows the longest internship; any vulnerability or long-term unemployment the middle one. */
export function personCategory(person: InternshipPerson): PersonCategory {
  if (person.disability) return PersonCategory.DISABILITY;
  if (person.vulnerabilities.length > 0 || person.employmentStatus === LONG_TERM_UNEMPLOYED) {
    return PersonCategory.DISADVANTAGED;
  }
  return PersonCategory.STANDARD;
}

export function checkDateOrder(startsOn: string, endsOn: string): RuleRefusal | null {
  if (endsOn > startsOn) return null;
  return {
    rule: InternshipRule.DATE_ORDER,
    message: `An internship ends after it starts; endsOn ${endsOn} is not after startsOn ${startsOn}`,
    details: { rule: InternshipRule.DATE_ORDER, limit: startsOn, requested: endsOn },
  };
}

export function checkAllowance(
  monthlyAllowanceCents: number,
  rules: InternshipRulesConfig,
): RuleRefusal | null {
  if (monthlyAllowanceCents >= rules.minMonthlyAllowanceCents) return null;
  const limit = rules.minMonthlyAllowanceCents / 100;
  const requested = monthlyAllowanceCents / 100;
  return {
    rule: InternshipRule.MINIMUM_ALLOWANCE,
    message: `The monthly allowance is at least ${limit.toFixed(2)} euros; requested ${requested.toFixed(2)}`,
    details: { rule: InternshipRule.MINIMUM_ALLOWANCE, limit, requested },
  };
}

export function checkLength(
  startsOn: string,
  endsOn: string,
  person: InternshipPerson,
  rules: InternshipRulesConfig,
): RuleRefusal | null {
  const requested = lengthOf(startsOn, endsOn);
  if (endsOn < lastDayAfterMonths(startsOn, rules.minMonths)) {
    return {
      rule: InternshipRule.MINIMUM_LENGTH,
      message: `An internship lasts at least ${plural(rules.minMonths, 'month')}; requested ${describeLength(requested)}`,
      details: { rule: InternshipRule.MINIMUM_LENGTH, limit: rules.minMonths, requested },
    };
  }
  const category = personCategory(person);
  const maxMonths = rules.maxMonths[category];
  if (endsOn > lastDayAfterMonths(startsOn, maxMonths)) {
    return {
      rule: InternshipRule.MAXIMUM_LENGTH,
      message: `An internship for this person lasts at most ${plural(maxMonths, 'month')} (${CATEGORY_LABEL[category]}); requested ${describeLength(requested)}`,
      details: { rule: InternshipRule.MAXIMUM_LENGTH, limit: maxMonths, requested, category },
    };
  }
  return null;
}

/** Date order, allowance and length: everything decided by the request and the person alone. */
export function checkTerms(terms: InternshipTerms, rules: InternshipRulesConfig): RuleRefusal | null {
  return (
    checkDateOrder(terms.startsOn, terms.endsOn) ??
    checkAllowance(terms.monthlyAllowanceCents, rules) ??
    checkLength(terms.startsOn, terms.endsOn, terms.person, rules)
  );
}

/** How many interns a company of this size may host at once. */
export function hostQuota(employees: number, rules: InternshipRulesConfig): number {
  const tier = rules.hostQuota.tiers.find((candidate) => employees <= candidate.maxEmployees);
  if (tier) return tier.interns;
  // Integer arithmetic: with a configured 7%, 100 * 0.07 is 7.000000000000001 and would round up to 8.
  return Math.ceil((employees * rules.hostQuota.percentAbove) / 100);
}

/**
 * The most existing internships running on one day of the requested period. The busiest day is the
 * requested start or the start of an existing internship inside the period, because the count only
 * rises on a start day.
 */
export function peakConcurrentInterns(existing: readonly DateRange[], requested: DateRange): number {
  const overlapping = existing.filter(
    (other) => other.startsOn <= requested.endsOn && other.endsOn >= requested.startsOn,
  );
  const candidateDays = [
    requested.startsOn,
    ...overlapping.map((other) => other.startsOn).filter((day) => day > requested.startsOn),
  ];
  return Math.max(
    ...candidateDays.map(
      (day) => overlapping.filter((other) => other.startsOn <= day && other.endsOn >= day).length,
    ),
  );
}

export function checkHostQuota(
  employees: number,
  existing: readonly DateRange[],
  requested: DateRange,
  rules: InternshipRulesConfig,
): RuleRefusal | null {
  const limit = hostQuota(employees, rules);
  const withThisOne = peakConcurrentInterns(existing, requested) + 1;
  if (withThisOne <= limit) return null;
  return {
    rule: InternshipRule.HOST_QUOTA,
    message: `A host company with ${plural(employees, 'employee')} may have at most ${plural(limit, 'concurrent intern')}; with this internship it would have ${withThisOne}`,
    details: { rule: InternshipRule.HOST_QUOTA, limit, requested: withThisOne, employees },
  };
}
