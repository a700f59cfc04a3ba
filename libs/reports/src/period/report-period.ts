import type { FieldProblem } from '#app/core';
import { ReportsException, ReportsExceptionCode } from '../reports.exception.js';

/** Both days are included: `to` is the last day of the window, in the programme's time zone. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/**
 * A century of months: enough for any "since the programme began" report, and it bounds the month rows a
 * `groupBy=month` answer can hold (a window from year 1 to 9999 would be 120,000 of them).
 */
export const MAX_PERIOD_MONTHS = 1200;

/** Calendar months the window touches, counting partial months at either end. */
export function monthsSpanned(period: ReportPeriod): number {
  const [fromYear, fromMonth] = period.from.split('-').map(Number);
  const [toYear, toMonth] = period.to.split('-').map(Number);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1;
}

/** Refuses a window that ends before it starts or spans more than MAX_PERIOD_MONTHS (dates are already valid). */
export function assertValidPeriod(period: ReportPeriod): void {
  if (period.from > period.to) {
    throw new ReportsException(
      ReportsExceptionCode.INVALID_PERIOD,
      `from (${period.from}) must not be after to (${period.to})`,
      [{ field: 'to', problems: ['must not be before from'] }] satisfies FieldProblem[],
    );
  }
  if (monthsSpanned(period) > MAX_PERIOD_MONTHS) {
    throw new ReportsException(
      ReportsExceptionCode.PERIOD_TOO_LONG,
      `A report covers at most ${MAX_PERIOD_MONTHS} months`,
      [
        { field: 'to', problems: [`must be within ${MAX_PERIOD_MONTHS} months of from`] },
      ] satisfies FieldProblem[],
    );
  }
}
