import { describe, expect, it } from '@jest/globals';
import { programmeToday } from './programme-day.util.js';

describe('programmeToday', () => {
  it("is the day in Bologna, which starts before UTC's (CET and CEST)", () => {
    expect(programmeToday(new Date('2026-01-31T23:30:00Z'))).toBe('2026-02-01');
    expect(programmeToday(new Date('2026-07-31T22:30:00Z'))).toBe('2026-08-01');
    expect(programmeToday(new Date('2026-07-31T21:30:00Z'))).toBe('2026-07-31');
  });
});
