import { describe, expect, it } from '@jest/globals';
import { mergeOutcomeRows, ratio, type SourceRow } from './outcome-measures.js';

describe('outcome measures', () => {
  it('rounds shares to four decimals and has none without a denominator', () => {
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(5, 8)).toBe(0.625);
    expect(ratio(0, 4)).toBe(0);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 4)).toBeNull();
  });

  it('merges sources into totals and groups, with the rates derived from the counts', () => {
    const rows: SourceRow[] = [
      { total: true, key: null, label: null, m: { intakes: 8, placedIntakes: 5 } },
      { total: false, key: 'a', label: 'Anna', m: { intakes: 3, placedIntakes: 2 } },
      {
        total: true,
        key: null,
        label: null,
        m: { followUps6Recorded: 3, followUps6Employed: 2, followUps12Recorded: 0, followUps12Employed: 0 },
      },
      { total: false, key: 'a', label: 'Anna', m: { internshipsStarted: 3, internshipsHired: 2 } },
    ];
    const { totals, groups } = mergeOutcomeRows(rows, ['intakes', 'internships', 'followUps']);
    expect(totals.intakes).toBe(8);
    expect(totals.placementRate).toBe(0.625);
    expect(totals.retention6Months).toEqual({ recorded: 3, employed: 2, rate: 0.6667 });
    expect(totals.retention12Months).toEqual({ recorded: 0, employed: 0, rate: null });
    expect(totals.placements).toBe(0);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      key: 'a',
      label: 'Anna',
      intakes: 3,
      placementRate: 0.6667,
      internshipConversionRate: 0.6667,
      retention6Months: { recorded: 0, employed: 0, rate: null },
    });
  });

  it('answers zero for a source that applies but has no fact in a group, null for one that does not apply', () => {
    const { groups } = mergeOutcomeRows(
      [{ total: false, key: 'k', label: 'Officine', m: { placements: 2 } }],
      ['placements', 'internships', 'followUps', 'newCompanies'],
    );
    expect(groups[0]).toMatchObject({
      placements: 2,
      internshipsStarted: 0,
      newCompanies: 0,
      medianDaysToPlacement: null,
      intakes: null,
      interviewsHeld: null,
      triage: null,
      placementRate: null,
    });
    expect(groups[0].placementsByKind).toEqual({ new: 0, extension: 0, conversion: 0 });
  });

  it('keeps the counts by value in the order of their enum, whatever order the database used', () => {
    const { totals } = mergeOutcomeRows(
      [
        {
          total: true,
          key: null,
          label: null,
          m: { interviewsHeld: 3, triage: { out_of_target: 1, needs_training: 0, ready_for_placement: 2 } },
        },
      ],
      ['interviews'],
    );
    expect(Object.entries(totals.triage!)).toEqual([
      ['ready_for_placement', 2],
      ['needs_training', 0],
      ['out_of_target', 1],
    ]);
  });
});
