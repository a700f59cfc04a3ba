import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsCup, isCup, normaliseCup } from './cup.js';

class Holder {
  @IsCup()
  cup: string;
}

describe('isCup', () => {
  it.each(['F31D23000140007', 'J39J21012345678', '123456789012345'])('accepts %s', (cup) => {
    expect(isCup(cup)).toBe(true);
  });

  it.each([
    ['14 characters', 'F31D2300014000'],
    ['16 characters', 'F31D230001400071'],
    ['lowercase letters', 'f31d23000140007'],
    ['punctuation', 'F31D-2300014000'],
    ['inner spaces', 'F31D 2300014000'],
    ['an accented letter', 'F31È23000140007'],
    ['nothing', ''],
  ])('refuses a code with %s', (_label, cup) => {
    expect(isCup(cup)).toBe(false);
  });

  it.each([[null], [undefined], [310023000140007]])('refuses the non-string %p', (value) => {
    expect(isCup(value)).toBe(false);
  });
});

describe('IsCup', () => {
  it('uppercases and trims what the user typed before checking it', () => {
    expect(normaliseCup(' f31d23000140007 ')).toBe('F31D23000140007');
    const holder = plainToInstance(Holder, { cup: ' f31d23000140007 ' });
    expect(validateSync(holder)).toHaveLength(0);
    expect(holder.cup).toBe('F31D23000140007');
  });

  it('reports a malformed code under its own constraint', () => {
    const errors = validateSync(plainToInstance(Holder, { cup: 'F31D' }));
    expect(errors.flatMap((error) => Object.keys(error.constraints ?? {}))).toEqual(['isCup']);
  });
});
