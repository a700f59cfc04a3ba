/** Names of the counters the engine keeps (SPEC section 7). Case-state counters are `cases.<state>`. */
export enum Metric {
  PLACEMENTS = 'placements',
  PEOPLE_PLACED = 'peoplePlaced',
  INTERVIEWS_HELD = 'interviewsHeld',
  INTERNSHIPS_STARTED = 'internshipsStarted',
  ENROLLMENTS_COMPLETED = 'enrollmentsCompleted',
  GRANTS_DISBURSED = 'grantsDisbursed',
  GRANTS_DISBURSED_CENTS = 'grantsDisbursedCents',
}

export const CASE_STATE_METRIC_PREFIX = 'cases.';

export function caseStateMetric(state: string): string {
  return `${CASE_STATE_METRIC_PREFIX}${state}`;
}

/**
 * Counters the engine adds to are split into this many rows, one picked at random per transaction, so
 * concurrent events rarely wait for each other's counter row locks (docs/DECISIONS.md).
 */
export const COUNTER_SHARDS = 32;

/**
 * Counters with milestones stay in one row: the lock on that row orders every increment, which is what
 * lets exactly one transaction see a threshold inside its (before, after] interval.
 */
export const SINGLE_ROW_METRICS: readonly string[] = [Metric.PLACEMENTS];
