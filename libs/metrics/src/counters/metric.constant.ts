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
