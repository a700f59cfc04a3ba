import { describe, expect, it } from '@jest/globals';
import { OutcomeGroupBy } from './outcome-grouping.js';
import { applicableMeasureSources, outcomesSql } from './outcomes.sql.js';

describe('outcomes SQL', () => {
  it('groups every fact by month, and each grouping by the facts it can attribute', () => {
    expect(applicableMeasureSources(OutcomeGroupBy.MONTH)).toEqual([
      'intakes',
      'interviews',
      'placements',
      'internships',
      'followUps',
      'newCompanies',
    ]);
    // Intakes and interviews belong to no company; a company joining the Board has no counsellor.
    expect(applicableMeasureSources(OutcomeGroupBy.COMPANY)).toEqual([
      'placements',
      'internships',
      'followUps',
      'newCompanies',
    ]);
    for (const groupBy of [OutcomeGroupBy.COUNSELLOR, OutcomeGroupBy.TRACK, OutcomeGroupBy.REFERRAL_SOURCE]) {
      expect(applicableMeasureSources(groupBy)).toEqual([
        'intakes',
        'interviews',
        'placements',
        'internships',
        'followUps',
      ]);
    }
  });

  it('names its CTEs apart from the tables they read (a CTE would hide a table of the same name)', () => {
    for (const groupBy of Object.values(OutcomeGroupBy)) {
      const names = [...outcomesSql(groupBy).matchAll(/(?:WITH|,)\s*(\w+) AS \(/g)].map((match) => match[1]);
      expect(names.length).toBeGreaterThanOrEqual(6);
      expect(names.every((name) => name.startsWith('m_'))).toBe(true);
    }
  });

  it('reads each CTE once, so PostgreSQL inlines them all and may run the parts in parallel', () => {
    for (const groupBy of Object.values(OutcomeGroupBy)) {
      const sql = outcomesSql(groupBy);
      const names = [...sql.matchAll(/(?:WITH|,)\s*(m_\w+) AS \(/g)].map((match) => match[1]);
      for (const name of names) {
        expect([...sql.matchAll(new RegExp(`\\b${name}\\b`, 'g'))]).toHaveLength(2);
      }
      expect(sql).not.toContain('MATERIALIZED');
      expect(sql).not.toContain('GROUPING SETS');
    }
  });

  it('lists every month of the window only when grouping by month', () => {
    expect(outcomesSql(OutcomeGroupBy.MONTH)).toContain('generate_series');
    expect(outcomesSql(OutcomeGroupBy.COUNSELLOR)).not.toContain('generate_series');
  });
});
