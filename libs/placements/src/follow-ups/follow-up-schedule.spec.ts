import { describe, expect, it } from '@jest/globals';
import { addMonths, followUpDueDates, isOverdue } from './follow-up-schedule.js';

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 3, '2026-04-15'],
    ['2026-01-31', 3, '2026-04-30'],
    ['2026-03-31', 6, '2026-09-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2024-02-29', 3, '2024-05-29'],
    ['2026-10-31', 3, '2027-01-31'],
    ['2026-12-31', 12, '2027-12-31'],
    ['2026-09-30', 6, '2027-03-30'],
  ])('%s + %i months is %s', (start, months, expected) => {
    expect(addMonths(start, months)).toBe(expected);
  });
});

describe('followUpDueDates', () => {
  it('schedules the +3, +6 and +12-month follow-ups of a contract starting on 31 January', () => {
    expect(followUpDueDates('2026-01-31')).toEqual([
      { monthsAfter: 3, dueOn: '2026-04-30' },
      { monthsAfter: 6, dueOn: '2026-07-31' },
      { monthsAfter: 12, dueOn: '2027-01-31' },
    ]);
  });

  it('keeps a leap-day start on the last day of February a year later', () => {
    expect(followUpDueDates('2028-02-29')).toEqual([
      { monthsAfter: 3, dueOn: '2028-05-29' },
      { monthsAfter: 6, dueOn: '2028-08-29' },
      { monthsAfter: 12, dueOn: '2029-02-28' },
    ]);
  });
});

describe('isOverdue', () => {
  it('flags an open follow-up whose day has passed', () => {
    expect(isOverdue({ dueOn: '2026-04-29', recordedAt: null }, '2026-04-30')).toBe(true);
  });

  it('does not flag an open follow-up on its due day', () => {
    expect(isOverdue({ dueOn: '2026-04-30', recordedAt: null }, '2026-04-30')).toBe(false);
  });

  it('does not flag a recorded follow-up, however late', () => {
    expect(isOverdue({ dueOn: '2026-01-01', recordedAt: new Date('2026-04-01') }, '2026-04-30')).toBe(false);
  });
});
