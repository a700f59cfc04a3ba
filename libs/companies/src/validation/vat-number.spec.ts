import { describe, expect, it } from '@jest/globals';
import { isValidVatNumber, vatCheckDigit } from './vat-number.js';

describe('isValidVatNumber', () => {
  it.each(['00743110157', '01114601006', '02313821007', '12345678903'])('accepts %s', (vat) => {
    expect(isValidVatNumber(vat)).toBe(true);
  });

  it('refuses a number whose check digit is wrong', () => {
    expect(isValidVatNumber('00743110158')).toBe(false);
    expect(isValidVatNumber('12345678901')).toBe(false);
  });

  it.each(['0074311015', '007431101577', ''])('refuses %p, which is not eleven digits long', (vat) => {
    expect(isValidVatNumber(vat)).toBe(false);
  });

  it.each(['0074311015A', 'IT00743110157', '00743 10157', '007431101５7'])(
    'refuses %p, which holds something other than digits',
    (vat) => {
      expect(isValidVatNumber(vat)).toBe(false);
    },
  );

  it('refuses eleven zeros, which satisfy the check digit but are never issued', () => {
    expect(isValidVatNumber('00000000000')).toBe(false);
  });

  it('refuses values that are not strings', () => {
    expect(isValidVatNumber(743110157)).toBe(false);
    expect(isValidVatNumber(null)).toBe(false);
    expect(isValidVatNumber(undefined)).toBe(false);
  });

  it('accepts exactly one check digit for any ten leading digits', () => {
    const firstTen = '0123456789';
    const valid = Array.from({ length: 10 }, (_, digit) => `${firstTen}${digit}`).filter((vat) =>
      isValidVatNumber(vat),
    );
    expect(valid).toEqual([`${firstTen}${vatCheckDigit(firstTen)}`]);
  });
});
