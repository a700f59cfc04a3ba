/** SPEC 5: each new placement is followed up at +3, +6 and +12 months; the last one completes the case. */
export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;
export type FollowUpMonths = (typeof FOLLOW_UP_MONTHS)[number];

/**
 * The calendar day `months` after `isoDate`, kept in the same month when the day does not exist there
 * (31 January + 3 months is 30 April, 29 February + 12 months is 28 February), as contracts count months.
 */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const targetMonthIndex = month - 1 + months;
  const lastDay = new Date(Date.UTC(year, targetMonthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, targetMonthIndex, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

export function followUpDueDates(startsOn: string): Array<{ monthsAfter: FollowUpMonths; dueOn: string }> {
  return FOLLOW_UP_MONTHS.map((monthsAfter) => ({ monthsAfter, dueOn: addMonths(startsOn, monthsAfter) }));
}

/** Overdue: its day has passed and nobody recorded it. */
export function isOverdue(followUp: { dueOn: string; recordedAt: Date | null }, today: string): boolean {
  return followUp.recordedAt === null && followUp.dueOn < today;
}
