import { describe, expect, it } from '@jest/globals';
import { isValidHoursPerWeek } from './placement-rules.js';

describe('isValidHoursPerWeek', () => {
  it.each([0.1, 1, 18.5, 20, 37.5, 38.3, 40, 59.9, 60])('accepts %p hours', (hours) => {
    expect(isValidHoursPerWeek(hours)).toBe(true);
  });

  it.each([0, -1, 60.1, 61, 37.25, 0.05, Number.NaN, Number.POSITIVE_INFINITY, '38', null, undefined])(
    'refuses %p',
    (hours) => {
      expect(isValidHoursPerWeek(hours)).toBe(false);
    },
  );
});
