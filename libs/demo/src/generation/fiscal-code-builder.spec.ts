import { describe, expect, it } from '@jest/globals';
import pkg from 'codice-fiscale-js';
import { checkFiscalCodeAgainst, parseFiscalCode } from '#app/beneficiaries';
import { NATIONALITIES } from './catalogue/nationalities.constant.js';
import { ITALIAN_BIRTHPLACES } from './catalogue/places.constant.js';
import { buildFiscalCode, FiscalCodeRegistry, omocode } from './fiscal-code-builder.js';

const { CodiceFiscale } = pkg as unknown as { CodiceFiscale: typeof pkg.default };

const maria = {
  firstName: 'Maria',
  lastName: 'Rossi',
  birthDate: '1970-04-03',
  sex: 'F' as const,
  birthplaceCode: 'A944',
};

describe('buildFiscalCode', () => {
  it('gives the code codice-fiscale-js computes from the full data', () => {
    const reference = new CodiceFiscale({
      name: 'Maria',
      surname: 'Rossi',
      gender: 'F',
      day: 3,
      month: 4,
      year: 1970,
      birthplace: 'Bologna',
      birthplaceProvincia: 'BO',
    }).toString();
    expect(buildFiscalCode(maria)).toBe(reference);
  });

  it('reads accented names as the Agency does, without the accents', () => {
    const accented = buildFiscalCode({ ...maria, firstName: 'Niccolò', lastName: 'Sánchez', sex: 'M' });
    const plain = buildFiscalCode({ ...maria, firstName: 'Niccolo', lastName: 'Sanchez', sex: 'M' });
    expect(accented).toBe(plain);
    expect(parseFiscalCode(accented).ok).toBe(true);
  });

  it('builds codes the product accepts and that agree with birth date and sex, for people born abroad too', () => {
    for (const nationality of NATIONALITIES) {
      const person = {
        ...maria,
        sex: 'M' as const,
        birthDate: '1988-11-30',
        birthplaceCode: nationality.birthplaceCode,
      };
      const code = buildFiscalCode(person);
      expect(parseFiscalCode(code).ok).toBe(true);
      expect(checkFiscalCodeAgainst(code, { birthDate: person.birthDate, gender: 'M' })).toEqual([]);
    }
  });
});

describe('omocodia', () => {
  it('keeps the facts of the code at every level', () => {
    const code = buildFiscalCode(maria);
    for (let level = 1; level <= 7; level++) {
      const variant = omocode(code, level);
      expect(variant).not.toBe(code);
      expect(checkFiscalCodeAgainst(variant, { birthDate: maria.birthDate, gender: 'F' })).toEqual([]);
    }
  });

  it('hands out distinct codes to people whose data coincide, and refuses past the last variant', () => {
    const registry = new FiscalCodeRegistry();
    const codes = Array.from({ length: 8 }, () => registry.issue(maria));
    expect(new Set(codes).size).toBe(8);
    expect(() => registry.issue(maria)).toThrow(/No free fiscal code/);
  });
});

describe('birthplace codes', () => {
  it('names the Italian municipalities of the catalogue by their Belfiore codes', () => {
    for (const [place] of ITALIAN_BIRTHPLACES) {
      expect([place.name, CodiceFiscale.findLocationCode(place.name, place.province)]).toEqual([
        place.name,
        place.code,
      ]);
    }
  });

  it('names a foreign country for every nationality of the catalogue', () => {
    for (const nationality of NATIONALITIES) {
      const code = buildFiscalCode({ ...maria, birthplaceCode: nationality.birthplaceCode });
      expect([nationality.country, CodiceFiscale.computeInverse(code).birthplaceProvincia]).toEqual([
        nationality.country,
        'EE',
      ]);
    }
  });
});
