export enum CaseState {
  INTAKE = 'intake',
  ORIENTATION = 'orientation',
  TRAINING = 'training',
  INTERNSHIP = 'internship',
  JOB_SEARCH = 'job_search',
  SELF_EMPLOYMENT = 'self_employment',
  PLACED = 'placed',
  ON_HOLD = 'on_hold',
  CLOSED = 'closed',
}

export const ALL_CASE_STATES = Object.values(CaseState);

/** SPEC 6: "Active" = every state but placed, on_hold and closed. */
export function isActive(state: CaseState): boolean {
  return state !== CaseState.PLACED && state !== CaseState.ON_HOLD && state !== CaseState.CLOSED;
}

export enum CaseEventType {
  CASE_OPENED = 'case.opened',
  CASE_REASSIGNED = 'case.reassigned',
  INTERVIEW_HELD = 'interview.held',
  ENROLLMENT_CREATED = 'enrollment.created',
  ENROLLMENT_ENDED = 'enrollment.ended',
  INTERNSHIP_STARTED = 'internship.started',
  INTERNSHIP_ENDED = 'internship.ended',
  PROPOSAL_CREATED = 'proposal.created',
  GRANT_SUBMITTED = 'grant.submitted',
  GRANT_DISBURSED = 'grant.disbursed',
  PLACEMENT_RECORDED = 'placement.recorded',
  FOLLOWUP_RECORDED = 'followup.recorded',
  HOLD = 'manual.on_hold',
  RESUME = 'manual.resume',
  CLOSE = 'manual.close',
}

export const ALL_CASE_EVENT_TYPES = Object.values(CaseEventType);

export enum Triage {
  READY_FOR_PLACEMENT = 'ready_for_placement',
  NEEDS_TRAINING = 'needs_training',
  OUT_OF_TARGET = 'out_of_target',
}

export enum ManualCloseReason {
  DROPPED_OUT = 'dropped_out',
  MOVED_AWAY = 'moved_away',
  OTHER = 'other',
}

/** Why a case reached `closed`: a manual reason, or one the engine sets. */
export type ClosedReason = ManualCloseReason | 'out_of_target' | 'completed';
