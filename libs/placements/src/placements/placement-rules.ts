import { MAX_HOURS_PER_WEEK } from './placement.constant.js';

/** Weekly hours as the contract states them: above zero, at most the legal 60, to a tenth of an hour. */
export function isValidHoursPerWeek(hours: unknown): hours is number {
  if (typeof hours !== 'number' || !Number.isFinite(hours)) return false;
  if (hours <= 0 || hours > MAX_HOURS_PER_WEEK) return false;
  const tenths = hours * 10;
  return Math.abs(tenths - Math.round(tenths)) < 1e-9;
}
