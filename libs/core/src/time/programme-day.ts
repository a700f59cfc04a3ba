/** The programme works on Italian calendar days, whatever the server's time zone. */
export const PROGRAMME_TIME_ZONE = 'Europe/Rome';

/** Built once: constructing a formatter costs far more than formatting, and bulk imports ask per row. */
const ITALIAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE });
let lastAnswer = { second: Number.NaN, day: '' };

/** The calendar day (`YYYY-MM-DD`) in Italy at `now`: the day follow-ups fall due, sweeps run for, dates are checked against. */
export function programmeToday(now: Date = new Date()): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== lastAnswer.second) lastAnswer = { second, day: ITALIAN_DAY.format(now) };
  return lastAnswer.day;
}
