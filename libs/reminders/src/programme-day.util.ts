import { PROGRAMME_TIME_ZONE } from './reminder.constant.js';

/** The calendar day in Bologna at `now`: the day a sweep runs for, whatever the server's time zone. */
export function programmeToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE }).format(now);
}
