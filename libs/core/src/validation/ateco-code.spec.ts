import { describe, expect, it } from '@jest/globals';
import { ATECO_CODE } from './ateco-code.js';

describe('ATECO_CODE', () => {
  it.each(['62', '62.0', '62.01', '62.01.0', '62.01.00'])('accepts the level %s', (code) => {
    expect(ATECO_CODE.test(code)).toBe(true);
  });

  it.each(['6', '620', '62.', '62.012', '62.01.001', 'AB.01', '62-01'])('refuses %s', (code) => {
    expect(ATECO_CODE.test(code)).toBe(false);
  });
});
