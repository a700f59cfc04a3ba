/**
 * Calendar arithmetic for the generated history. Days are whole UTC day numbers (days since
 * 1970-01-01), so a date is an integer and comparing, adding and spreading them is plain arithmetic;
 * instants are epoch milliseconds.
 */
const DAY_MS = 86_400_000;

export type Day = number;

export function dayOf(isoDate: string): Day {
  const [year, month, day] = isoDate.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function isoOf(day: Day): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Saturday and Sunday: the programme's offices are closed. */
export function isWeekend(day: Day): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The day itself, or the Monday after a weekend. */
export function workday(day: Day): Day {
  let result = day;
  while (isWeekend(result)) result++;
  return result;
}

/** An instant on a day, `minutes` after midnight UTC. */
export function instant(day: Day, minutes: number): number {
  return day * DAY_MS + minutes * 60_000;
}

export function isoInstant(at: number): string {
  return new Date(at).toISOString();
}

export function yearOf(day: Day): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function monthOf(day: Day): number {
  return new Date(day * DAY_MS).getUTCMonth() + 1;
}

/** Whole years between a birth date and a later day, as an age is counted. */
export function ageOn(birth: Day, on: Day): number {
  const born = new Date(birth * DAY_MS);
  const then = new Date(on * DAY_MS);
  let age = then.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    then.getUTCMonth() < born.getUTCMonth() ||
    (then.getUTCMonth() === born.getUTCMonth() && then.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) age--;
  return age;
}
