import { describe, expect, it } from '@jest/globals';
import { programmeToday } from './programme-day.js';

describe('programmeToday', () => {
  it.each([
    ['2026-01-31T23:30:00Z', '2026-02-01'],
    ['2026-07-31T22:30:00Z', '2026-08-01'],
    ['2026-07-31T21:30:00Z', '2026-07-31'],
    ['2026-06-30T22:30:00Z', '2026-07-01'],
    ['2026-12-31T22:59:00Z', '2026-12-31'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('at %s is %s in Italy (winter and summer time)', (instant, day) => {
    expect(programmeToday(new Date(instant))).toBe(day);
  });
});
