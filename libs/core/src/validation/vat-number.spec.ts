import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isValidVatNumber, IsVatNumber, vatNumberCheckDigit } from './vat-number.js';

class Holder {
  @IsVatNumber()
  vatNumber: string;
}

class OptionalHolder {
  @IsVatNumber({ optional: true })
  vatNumber?: string;
}

const problems = (value: unknown, type: new () => object = Holder) =>
  validateSync(plainToInstance(type, { vatNumber: value })).flatMap((error) =>
    Object.keys(error.constraints ?? {}),
  );

describe('isValidVatNumber', () => {
  it.each(['00488410010', '00159560366', '00905811006'])('accepts the registered number %s', (vat) => {
    expect(isValidVatNumber(vat)).toBe(true);
  });

  it('refuses each wrong check digit of a valid number', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const candidate = `0015956036${digit}`;
      expect(isValidVatNumber(candidate)).toBe(digit === 6);
    }
  });

  it('catches a single mistyped digit anywhere in the number', () => {
    const valid = '00159560366';
    for (let position = 0; position < 10; position++) {
      const changed = String((Number(valid[position]) + 1) % 10);
      const typo = valid.slice(0, position) + changed + valid.slice(position + 1);
      expect(isValidVatNumber(typo)).toBe(false);
    }
  });

  it.each([
    ['too short', '0015956036'],
    ['too long', '001595603660'],
    ['with letters', '0015956036A'],
    ['with a country prefix', 'IT00159560366'],
    ['with inner spaces', '00159 560366'],
    ['all zeros', '00000000000'],
    ['empty', ''],
  ])('refuses a number %s', (_label, vat) => {
    expect(isValidVatNumber(vat)).toBe(false);
  });

  it.each([[159560366], [null], [undefined], [{}]])('refuses a non-string %p', (value) => {
    expect(isValidVatNumber(value)).toBe(false);
  });
});

describe('vatNumberCheckDigit', () => {
  it('computes the digit that completes a valid number', () => {
    expect(vatNumberCheckDigit('0048841001')).toBe(0);
    expect(vatNumberCheckDigit('0015956036')).toBe(6);
    const built = `1234567890${vatNumberCheckDigit('1234567890')}`;
    expect(isValidVatNumber(built)).toBe(true);
  });

  it('refuses anything but ten digits', () => {
    expect(() => vatNumberCheckDigit('123')).toThrow(RangeError);
    expect(() => vatNumberCheckDigit('12345678AB')).toThrow(RangeError);
  });
});

describe('IsVatNumber', () => {
  it('accepts a valid number and trims surrounding spaces', () => {
    const holder = plainToInstance(Holder, { vatNumber: ' 00159560366 ' });
    expect(validateSync(holder)).toHaveLength(0);
    expect(holder.vatNumber).toBe('00159560366');
  });

  it('reports a wrong check digit under its own constraint name', () => {
    expect(problems('00159560367')).toEqual(['isVatNumber']);
  });

  it('requires the field unless it is optional', () => {
    expect(problems(undefined)).toEqual(['isVatNumber']);
    expect(problems(undefined, OptionalHolder)).toEqual([]);
    expect(problems('123', OptionalHolder)).toEqual(['isVatNumber']);
  });
});
