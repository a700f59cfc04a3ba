import { describe, expect, it } from '@jest/globals';
import { ReportsException, ReportsExceptionCode } from '../reports.exception.js';
import { assertValidPeriod, MAX_PERIOD_MONTHS, monthsSpanned } from './report-period.js';

const codeOf = (action: () => void): string | undefined => {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof ReportsException ? error.code : 'not a ReportsException';
  }
};

describe('report period', () => {
  it('counts every calendar month the window touches, partial ones included', () => {
    expect(monthsSpanned({ from: '2024-01-31', to: '2024-02-01' })).toBe(2);
    expect(monthsSpanned({ from: '2024-01-01', to: '2024-06-30' })).toBe(6);
    expect(monthsSpanned({ from: '2023-12-15', to: '2024-01-15' })).toBe(2);
    expect(monthsSpanned({ from: '2024-05-05', to: '2024-05-05' })).toBe(1);
  });

  it('accepts a one-day window', () => {
    expect(codeOf(() => assertValidPeriod({ from: '2024-02-29', to: '2024-02-29' }))).toBeUndefined();
  });

  it('refuses a window that ends before it starts', () => {
    expect(codeOf(() => assertValidPeriod({ from: '2024-03-02', to: '2024-03-01' }))).toBe(
      ReportsExceptionCode.INVALID_PERIOD,
    );
  });

  it('accepts exactly the longest window and refuses one month more', () => {
    expect(MAX_PERIOD_MONTHS).toBe(1200);
    expect(codeOf(() => assertValidPeriod({ from: '1950-01-01', to: '2049-12-31' }))).toBeUndefined();
    expect(codeOf(() => assertValidPeriod({ from: '1950-01-01', to: '2050-01-01' }))).toBe(
      ReportsExceptionCode.PERIOD_TOO_LONG,
    );
  });
});
