import { describe, expect, it } from '@jest/globals';
import {
  AGE_BANDS,
  ageBandSql,
  EU_MEMBER_STATES,
  ISCED_GROUPS,
  iscedGroupSql,
} from './esf-classification.js';

describe('FSE+ classification', () => {
  describe('EU membership', () => {
    it('lists the 27 Member States once each', () => {
      expect(EU_MEMBER_STATES).toHaveLength(27);
      expect(new Set(EU_MEMBER_STATES).size).toBe(27);
      expect(EU_MEMBER_STATES.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    });

    it('counts Italy, Croatia (2013) and Greece under its ISO code as EU citizens', () => {
      expect(EU_MEMBER_STATES).toEqual(expect.arrayContaining(['IT', 'HR', 'GR', 'RO', 'BG', 'CY', 'MT']));
    });

    it('treats the United Kingdom and the EEA/EFTA countries as third countries', () => {
      for (const code of ['GB', 'UK', 'EL', 'CH', 'NO', 'IS', 'LI', 'SM', 'VA', 'AL', 'UA', 'MA']) {
        expect(EU_MEMBER_STATES).not.toContain(code);
      }
    });
  });

  describe('age bands', () => {
    it('are below 18, 18 to 29 both included, and 55 and above', () => {
      expect(ageBandSql('under18', 'age')).toBe('(age <= 17)');
      expect(ageBandSql('age18to29', 'age')).toBe('(age >= 18 AND age <= 29)');
      expect(ageBandSql('age55plus', 'age')).toBe('(age >= 55)');
    });

    it('never overlap', () => {
      const bandsOf = (age: number) =>
        Object.values(AGE_BANDS).filter(
          (band: { minAge?: number; maxAge?: number }) =>
            age >= (band.minAge ?? -Infinity) && age <= (band.maxAge ?? Infinity),
        ).length;
      for (let age = 0; age <= 120; age++) expect(bandsOf(age)).toBeLessThanOrEqual(1);
      expect([17, 18, 29, 30, 54, 55].map(bandsOf)).toEqual([1, 1, 1, 0, 0, 1]);
    });
  });

  describe('ISCED groups', () => {
    it('put each level 0-8 in exactly one group', () => {
      const levels = Object.values(ISCED_GROUPS).flat();
      expect([...levels].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('are lower secondary or less, upper or post-secondary, and tertiary', () => {
      expect(iscedGroupSql('isced0to2', 'b.education_level')).toBe('b.education_level IN (0, 1, 2)');
      expect(iscedGroupSql('isced3to4', 'level')).toBe('level IN (3, 4)');
      expect(iscedGroupSql('isced5to8', 'level')).toBe('level IN (5, 6, 7, 8)');
    });
  });
});
