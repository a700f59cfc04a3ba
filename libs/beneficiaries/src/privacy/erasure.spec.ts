import { describe, expect, it } from '@jest/globals';
import { isFiscalCode } from '../validation/fiscal-code.js';
import { erasedFiscalCode } from './erasure.js';

describe('erasedFiscalCode', () => {
  it('fits the 16-character column and is never a valid fiscal code', () => {
    for (let i = 0; i < 200; i++) {
      const token = erasedFiscalCode();
      expect(token).toMatch(/^ERASED-[A-Z2-7]{9}$/);
      expect(isFiscalCode(token)).toBe(false);
    }
  });

  it('is random, so two erasures never share (or reveal) a code', () => {
    const tokens = new Set(Array.from({ length: 10_000 }, () => erasedFiscalCode()));
    expect(tokens.size).toBe(10_000);
  });
});
