import { Triage } from '#app/cases';
import { ContractType, PlacementKind } from '#app/placements';

/** The measures of one group (or of the whole window), as the API answers them. */
export interface OutcomeMeasures {
  intakes: number | null;
  interviewsHeld: number | null;
  triage: Record<Triage, number> | null;
  placements: number | null;
  placementsByContractType: Record<ContractType, number> | null;
  placementsByKind: Record<PlacementKind, number> | null;
  peoplePlaced: number | null;
  placedIntakes: number | null;
  placementRate: number | null;
  medianDaysToPlacement: number | null;
  timedPlacements: number | null;
  internshipsStarted: number | null;
  internshipsHired: number | null;
  internshipConversionRate: number | null;
  retention6Months: Retention | null;
  retention12Months: Retention | null;
  companiesHiring: number | null;
  newCompanies: number | null;
}

export interface Retention {
  recorded: number;
  employed: number;
  rate: number | null;
}

export interface OutcomeGroup extends OutcomeMeasures {
  key: string | null;
  label: string;
}

/** What the SQL answers: one row per (source, group), and one per source for the whole window. */
export interface SourceRow {
  total: boolean;
  key: string | null;
  label: string | null;
  m: Record<string, unknown>;
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** The raw measures each SQL source yields, at their value when the source has no fact in a group. */
export const EMPTY_SOURCE_MEASURES: Record<string, Record<string, unknown>> = {
  intakes: { intakes: 0, placedIntakes: 0 },
  interviews: { interviewsHeld: 0, triage: zeros(Object.values(Triage)) },
  placements: {
    placements: 0,
    placementsByContractType: zeros(Object.values(ContractType)),
    placementsByKind: zeros(Object.values(PlacementKind)),
    peoplePlaced: 0,
    companiesHiring: 0,
    medianDaysToPlacement: null,
    timedPlacements: 0,
  },
  internships: { internshipsStarted: 0, internshipsHired: 0 },
  followUps: { followUps6Recorded: 0, followUps6Employed: 0, followUps12Recorded: 0, followUps12Employed: 0 },
  newCompanies: { newCompanies: 0 },
};

/** A share as a fraction rounded to four decimals; null when there is nothing to divide by. */
export function ratio(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

function retention(recorded: unknown, employed: unknown): Retention | null {
  if (typeof recorded !== 'number' || typeof employed !== 'number') return null;
  return { recorded, employed, rate: ratio(employed, recorded) };
}

const numberOrNull = (value: unknown) => (typeof value === 'number' ? value : null);

/** Counts keyed in the enum's order (jsonb answers keys sorted by length); null stays null. */
function countsInOrder<K extends string>(value: unknown, keys: readonly K[]): Record<K, number> | null {
  if (value === null || typeof value !== 'object') return null;
  const counts = value as Partial<Record<K, number>>;
  return Object.fromEntries(keys.map((key) => [key, counts[key] ?? 0])) as Record<K, number>;
}

/** Raw source measures (null where the grouping does not apply) into the answered shape, with the rates. */
export function toMeasures(raw: Record<string, unknown>): OutcomeMeasures {
  const n = (name: string) => numberOrNull(raw[name]);
  return {
    intakes: n('intakes'),
    interviewsHeld: n('interviewsHeld'),
    triage: countsInOrder(raw.triage, Object.values(Triage)),
    placements: n('placements'),
    placementsByContractType: countsInOrder(raw.placementsByContractType, Object.values(ContractType)),
    placementsByKind: countsInOrder(raw.placementsByKind, Object.values(PlacementKind)),
    peoplePlaced: n('peoplePlaced'),
    placedIntakes: n('placedIntakes'),
    placementRate: ratio(n('placedIntakes'), n('intakes')),
    medianDaysToPlacement: n('medianDaysToPlacement'),
    timedPlacements: n('timedPlacements'),
    internshipsStarted: n('internshipsStarted'),
    internshipsHired: n('internshipsHired'),
    internshipConversionRate: ratio(n('internshipsHired'), n('internshipsStarted')),
    retention6Months: retention(raw.followUps6Recorded, raw.followUps6Employed),
    retention12Months: retention(raw.followUps12Recorded, raw.followUps12Employed),
    companiesHiring: n('companiesHiring'),
    newCompanies: n('newCompanies'),
  };
}

/**
 * Merges the per-source rows into totals and groups. A group starts from the empty value of every source
 * that applies to the grouping (so a month with no placement says 0, not null) and null for the others
 * (intakes have no company, so a company's intakes are null).
 */
export function mergeOutcomeRows(
  rows: SourceRow[],
  applicableSources: readonly string[],
): {
  totals: OutcomeMeasures;
  groups: Array<{ key: string | null; label: string | null } & OutcomeMeasures>;
} {
  const emptyGroup = (): Record<string, unknown> => {
    const raw: Record<string, unknown> = {};
    for (const [source, measures] of Object.entries(EMPTY_SOURCE_MEASURES)) {
      const applies = applicableSources.includes(source);
      for (const [name, value] of Object.entries(measures)) raw[name] = applies ? value : null;
    }
    return raw;
  };
  const totals: Record<string, unknown> = {};
  for (const measures of Object.values(EMPTY_SOURCE_MEASURES)) Object.assign(totals, measures);
  const groups = new Map<string | null, { label: string | null; raw: Record<string, unknown> }>();
  for (const row of rows) {
    if (row.total) {
      Object.assign(totals, row.m);
      continue;
    }
    let group = groups.get(row.key);
    if (!group) {
      group = { label: row.label, raw: emptyGroup() };
      groups.set(row.key, group);
    }
    group.label ??= row.label;
    Object.assign(group.raw, row.m);
  }
  return {
    totals: toMeasures(totals),
    groups: [...groups].map(([key, group]) => ({ key, label: group.label, ...toMeasures(group.raw) })),
  };
}
