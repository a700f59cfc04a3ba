import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addMonths,
  checkAllowance,
  checkDateOrder,
  checkHostQuota,
  checkLength,
  checkTerms,
  EMILIA_ROMAGNA_INTERNSHIP_RULES as RULES,
  hostQuota,
  type InternshipPerson,
  type InternshipRulesConfig,
  InternshipRule,
  lastDayAfterMonths,
  lengthOf,
  peakConcurrentInterns,
  PersonCategory,
  personCategory,
} from './internship-rules.js';

const standard: InternshipPerson = { disability: false, vulnerabilities: [], employmentStatus: 'unemployed' };
const vulnerable: InternshipPerson = { ...standard, vulnerabilities: ['migrant'] };
const longTermUnemployed: InternshipPerson = { ...standard, employmentStatus: 'long_term_unemployed' };
const disabled: InternshipPerson = { ...standard, disability: true };
const disabledAndVulnerable: InternshipPerson = { ...vulnerable, disability: true };

describe('calendar months', () => {
  it('adds months, falling back to the last day of a shorter month', () => {
    expect(addMonths('2026-03-01', 2)).toBe('2026-05-01');
    expect(addMonths('2026-12-15', 2)).toBe('2027-02-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });

  it('puts the last day of an N-month internship on the day before the N-month anniversary', () => {
    expect(lastDayAfterMonths('2026-03-01', 2)).toBe('2026-04-30');
    expect(lastDayAfterMonths('2026-03-15', 6)).toBe('2026-09-14');
    expect(lastDayAfterMonths('2026-03-01', 24)).toBe('2028-02-29');
  });

  it('measures a length in whole months and remaining days, both ends included', () => {
    expect(lengthOf('2026-03-01', '2026-04-30')).toEqual({ months: 2, days: 0 });
    expect(lengthOf('2026-03-01', '2026-04-29')).toEqual({ months: 1, days: 29 });
    expect(lengthOf('2026-03-01', '2026-09-01')).toEqual({ months: 6, days: 1 });
    expect(lengthOf('2026-03-01', '2026-03-10')).toEqual({ months: 0, days: 10 });
    expect(lengthOf('2026-01-31', '2026-02-27')).toEqual({ months: 1, days: 0 });
    expect(lengthOf('2026-03-01', '2027-04-30')).toEqual({ months: 14, days: 0 });
  });

  it('measures exactly N months up to the last day of an N-month internship, for any start', () => {
    const day = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 36 }), (startsOn, months) => {
        expect(lengthOf(startsOn, lastDayAfterMonths(startsOn, months))).toEqual({ months, days: 0 });
      }),
    );
  });
});

describe('person categories', () => {
  it('sorts people into the category that sets their longest internship', () => {
    expect(personCategory(standard)).toBe(PersonCategory.STANDARD);
    expect(personCategory({ ...standard, employmentStatus: null })).toBe(PersonCategory.STANDARD);
    expect(personCategory({ ...standard, employmentStatus: 'inactive' })).toBe(PersonCategory.STANDARD);
    expect(personCategory(vulnerable)).toBe(PersonCategory.DISADVANTAGED);
    expect(personCategory(longTermUnemployed)).toBe(PersonCategory.DISADVANTAGED);
    expect(personCategory(disabled)).toBe(PersonCategory.DISABILITY);
    expect(personCategory(disabledAndVulnerable)).toBe(PersonCategory.DISABILITY);
  });
});

describe('date order', () => {
  it('refuses an internship that ends on or before its first day', () => {
    expect(checkDateOrder('2026-03-01', '2026-03-01')?.rule).toBe(InternshipRule.DATE_ORDER);
    expect(checkDateOrder('2026-03-01', '2026-02-01')?.details).toEqual({
      rule: InternshipRule.DATE_ORDER,
      limit: '2026-03-01',
      requested: '2026-02-01',
    });
    expect(checkDateOrder('2026-03-01', '2026-03-02')).toBeNull();
  });
});

describe('minimum allowance', () => {
  it('refuses 449.99 euros a month, naming the rule and the floor', () => {
    expect(checkAllowance(44_999, RULES)).toEqual({
      rule: InternshipRule.MINIMUM_ALLOWANCE,
      message: 'The monthly allowance is at least 450.00 euros; requested 449.99',
      details: { rule: InternshipRule.MINIMUM_ALLOWANCE, limit: 450, requested: 449.99 },
    });
  });

  it('accepts 450 euros a month and more', () => {
    expect(checkAllowance(45_000, RULES)).toBeNull();
    expect(checkAllowance(45_001, RULES)).toBeNull();
    expect(checkAllowance(120_000, RULES)).toBeNull();
  });

  it('follows a configured floor', () => {
    const rules: InternshipRulesConfig = { ...RULES, minMonthlyAllowanceCents: 50_000 };
    expect(checkAllowance(49_999, rules)?.details.limit).toBe(500);
    expect(checkAllowance(50_000, rules)).toBeNull();
  });
});

describe('length', () => {
  it('accepts exactly two months and refuses one month and 29 days', () => {
    expect(checkLength('2026-03-01', '2026-04-30', standard, RULES)).toBeNull();
    expect(checkLength('2026-03-01', '2026-04-29', standard, RULES)).toEqual({
      rule: InternshipRule.MINIMUM_LENGTH,
      message: 'An internship lasts at least 2 months; requested 1 month and 29 days',
      details: { rule: InternshipRule.MINIMUM_LENGTH, limit: 2, requested: { months: 1, days: 29 } },
    });
  });

  it('holds the minimum for every category, a disability included', () => {
    for (const person of [vulnerable, longTermUnemployed, disabled]) {
      expect(checkLength('2026-03-01', '2026-04-29', person, RULES)?.rule).toBe(
        InternshipRule.MINIMUM_LENGTH,
      );
    }
  });

  it('allows six months to a person with no disadvantage recorded, not a day more', () => {
    expect(checkLength('2026-03-01', '2026-08-31', standard, RULES)).toBeNull();
    expect(checkLength('2026-03-01', '2026-09-01', standard, RULES)).toEqual({
      rule: InternshipRule.MAXIMUM_LENGTH,
      message:
        'An internship for this person lasts at most 6 months (no disadvantage recorded); requested 6 months and 1 day',
      details: {
        rule: InternshipRule.MAXIMUM_LENGTH,
        limit: 6,
        requested: { months: 6, days: 1 },
        category: PersonCategory.STANDARD,
      },
    });
  });

  it('allows twelve months to a person with a vulnerability or long-term unemployed, not a day more', () => {
    for (const person of [vulnerable, longTermUnemployed]) {
      expect(checkLength('2026-03-01', '2027-02-28', person, RULES)).toBeNull();
      const refusal = checkLength('2026-03-01', '2027-03-01', person, RULES);
      expect(refusal?.rule).toBe(InternshipRule.MAXIMUM_LENGTH);
      expect(refusal?.details).toMatchObject({ limit: 12, category: PersonCategory.DISADVANTAGED });
    }
  });

  it('says why a fourteen-month internship is refused to a disadvantaged person', () => {
    expect(checkLength('2026-03-01', '2027-04-30', vulnerable, RULES)?.message).toBe(
      'An internship for this person lasts at most 12 months (disadvantaged); requested 14 months',
    );
  });

  it('allows 24 months to a person with a disability, whatever else applies, not a day more', () => {
    for (const person of [disabled, disabledAndVulnerable]) {
      expect(checkLength('2026-03-01', '2028-02-29', person, RULES)).toBeNull();
      expect(checkLength('2026-03-01', '2028-03-01', person, RULES)?.details).toMatchObject({
        rule: InternshipRule.MAXIMUM_LENGTH,
        limit: 24,
        requested: { months: 24, days: 1 },
        category: PersonCategory.DISABILITY,
      });
    }
  });

  it('measures from a start late in the month by the calendar', () => {
    expect(checkLength('2026-01-31', '2026-03-30', standard, RULES)).toBeNull();
    expect(checkLength('2026-01-31', '2026-03-29', standard, RULES)?.rule).toBe(
      InternshipRule.MINIMUM_LENGTH,
    );
  });

  it('follows configured limits', () => {
    const rules: InternshipRulesConfig = {
      ...RULES,
      minMonths: 1,
      maxMonths: { ...RULES.maxMonths, [PersonCategory.STANDARD]: 3 },
    };
    expect(checkLength('2026-03-01', '2026-03-31', standard, rules)).toBeNull();
    expect(checkLength('2026-03-01', '2026-06-01', standard, rules)?.details.limit).toBe(3);
  });
});

describe('all terms together', () => {
  const terms = {
    startsOn: '2026-03-01',
    endsOn: '2026-08-31',
    monthlyAllowanceCents: 45_000,
    person: standard,
  };

  it('accepts terms that meet every rule', () => {
    expect(checkTerms(terms, RULES)).toBeNull();
  });

  it('reports the date order before the allowance, and the allowance before the length', () => {
    expect(checkTerms({ ...terms, endsOn: '2026-02-01', monthlyAllowanceCents: 100 }, RULES)?.rule).toBe(
      InternshipRule.DATE_ORDER,
    );
    expect(checkTerms({ ...terms, endsOn: '2027-08-31', monthlyAllowanceCents: 100 }, RULES)?.rule).toBe(
      InternshipRule.MINIMUM_ALLOWANCE,
    );
    expect(checkTerms({ ...terms, endsOn: '2027-08-31' }, RULES)?.rule).toBe(InternshipRule.MAXIMUM_LENGTH);
  });
});

describe('host quota', () => {
  it.each([
    [0, 1],
    [1, 1],
    [5, 1],
    [6, 2],
    [20, 2],
    [21, 3],
    [30, 3],
    [31, 4],
    [100, 10],
    [101, 11],
  ])('lets a company with %i employees host at most %i intern(s) at once', (employees, interns) => {
    expect(hostQuota(employees, RULES)).toBe(interns);
  });

  it('rounds a configured percentage up without floating-point drift', () => {
    const rules: InternshipRulesConfig = { ...RULES, hostQuota: { ...RULES.hostQuota, percentAbove: 7 } };
    expect(hostQuota(100, rules)).toBe(7);
    expect(hostQuota(101, rules)).toBe(8);
  });

  const requested = { startsOn: '2026-03-01', endsOn: '2026-08-31' };

  it('counts the existing internships running on the busiest day of the period', () => {
    expect(peakConcurrentInterns([], requested)).toBe(0);
    expect(peakConcurrentInterns([{ startsOn: '2026-01-01', endsOn: '2026-02-28' }], requested)).toBe(0);
    expect(peakConcurrentInterns([{ startsOn: '2026-09-01', endsOn: '2026-12-31' }], requested)).toBe(0);
    expect(peakConcurrentInterns([{ startsOn: '2026-01-01', endsOn: '2026-03-01' }], requested)).toBe(1);
    expect(peakConcurrentInterns([{ startsOn: '2026-08-31', endsOn: '2026-12-31' }], requested)).toBe(1);
    // One after the other: never two at once.
    expect(
      peakConcurrentInterns(
        [
          { startsOn: '2026-01-01', endsOn: '2026-04-30' },
          { startsOn: '2026-05-01', endsOn: '2026-10-31' },
        ],
        requested,
      ),
    ).toBe(1);
    expect(
      peakConcurrentInterns(
        [
          { startsOn: '2026-01-01', endsOn: '2026-05-01' },
          { startsOn: '2026-05-01', endsOn: '2026-10-31' },
          { startsOn: '2026-07-01', endsOn: '2026-07-31' },
        ],
        requested,
      ),
    ).toBe(2);
  });

  it('refuses a second concurrent intern at a company of 5 employees, naming the quota', () => {
    const existing = [{ startsOn: '2026-04-01', endsOn: '2026-09-30' }];
    expect(checkHostQuota(5, existing, requested, RULES)).toEqual({
      rule: InternshipRule.HOST_QUOTA,
      message:
        'A host company with 5 employees may have at most 1 concurrent intern; with this internship it would have 2',
      details: { rule: InternshipRule.HOST_QUOTA, limit: 1, requested: 2, employees: 5 },
    });
    expect(checkHostQuota(5, [], requested, RULES)).toBeNull();
  });

  it('lets a company of 6 employees host two at once but not three', () => {
    const one = [{ startsOn: '2026-04-01', endsOn: '2026-09-30' }];
    const two = [...one, { startsOn: '2026-02-01', endsOn: '2026-06-30' }];
    expect(checkHostQuota(6, one, requested, RULES)).toBeNull();
    expect(checkHostQuota(6, two, requested, RULES)?.details).toMatchObject({ limit: 2, requested: 3 });
  });

  it('lets a company of 21 employees host three at once but not four', () => {
    const running = (count: number) =>
      Array.from({ length: count }, () => ({ startsOn: '2026-03-01', endsOn: '2026-08-31' }));
    expect(checkHostQuota(21, running(2), requested, RULES)).toBeNull();
    expect(checkHostQuota(21, running(3), requested, RULES)?.details).toMatchObject({
      limit: 3,
      requested: 4,
    });
    expect(checkHostQuota(31, running(3), requested, RULES)).toBeNull();
  });

  it('takes a new intern once an earlier one has left', () => {
    const earlier = [{ startsOn: '2025-09-01', endsOn: '2026-02-28' }];
    expect(checkHostQuota(3, earlier, requested, RULES)).toBeNull();
  });
});
