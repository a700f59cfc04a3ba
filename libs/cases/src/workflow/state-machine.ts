import {
  CaseEventType,
  CaseState,
  type ClosedReason,
  isActive,
  ManualCloseReason,
  Triage,
} from './case-state.js';

/** The facts of an event that the table of SPEC section 6 looks at. Everything else is in the payload. */
export interface WorkflowEvent {
  type: CaseEventType;
  triage?: Triage | null;
  /** enrollment.ended: other enrollments of the case still active. */
  otherActiveEnrollments?: number;
  /** internship.ended: the internship ended in a hire (the placement event moves the case). */
  endedWithPlacement?: boolean;
  /** followup.recorded: months after the placement (3, 6 or 12). */
  monthsAfterPlacement?: number;
  /** manual.close */
  reason?: ManualCloseReason;
}

export interface CaseSnapshot {
  state: CaseState;
  /** The state a case on hold resumes to. */
  stateBeforeHold: CaseState | null;
}

export interface Move {
  to: CaseState;
  closedReason?: ClosedReason;
}

const ENROLLABLE = [CaseState.ORIENTATION, CaseState.JOB_SEARCH];
const INTERNSHIP_FROM = [CaseState.ORIENTATION, CaseState.TRAINING, CaseState.JOB_SEARCH];
const PROPOSAL_FROM = [CaseState.ORIENTATION, CaseState.TRAINING];
const GRANT_FROM = [CaseState.ORIENTATION, CaseState.TRAINING, CaseState.JOB_SEARCH];
const FINAL_FOLLOW_UP_MONTHS = 12;

/**
 * The case workflow of SPEC section 6 as a pure function: the move an event makes from a state, or
 * null when the event moves nothing there (it is still kept on the timeline).
 */
export function nextMove(snapshot: CaseSnapshot, event: WorkflowEvent): Move | null {
  const { state } = snapshot;
  switch (event.type) {
    case CaseEventType.INTERVIEW_HELD:
      if (state !== CaseState.INTAKE) return null;
      return event.triage === Triage.OUT_OF_TARGET
        ? { to: CaseState.CLOSED, closedReason: 'out_of_target' }
        : { to: CaseState.ORIENTATION };
    case CaseEventType.ENROLLMENT_CREATED:
      return ENROLLABLE.includes(state) ? { to: CaseState.TRAINING } : null;
    case CaseEventType.ENROLLMENT_ENDED:
      return state === CaseState.TRAINING && !event.otherActiveEnrollments
        ? { to: CaseState.JOB_SEARCH }
        : null;
    case CaseEventType.INTERNSHIP_STARTED:
      return INTERNSHIP_FROM.includes(state) ? { to: CaseState.INTERNSHIP } : null;
    case CaseEventType.INTERNSHIP_ENDED:
      return state === CaseState.INTERNSHIP && !event.endedWithPlacement
        ? { to: CaseState.JOB_SEARCH }
        : null;
    case CaseEventType.PROPOSAL_CREATED:
      return PROPOSAL_FROM.includes(state) ? { to: CaseState.JOB_SEARCH } : null;
    case CaseEventType.GRANT_SUBMITTED:
      return GRANT_FROM.includes(state) ? { to: CaseState.SELF_EMPLOYMENT } : null;
    case CaseEventType.PLACEMENT_RECORDED:
      return isActive(state) ? { to: CaseState.PLACED } : null;
    case CaseEventType.FOLLOWUP_RECORDED:
      return state === CaseState.PLACED && event.monthsAfterPlacement === FINAL_FOLLOW_UP_MONTHS
        ? { to: CaseState.CLOSED, closedReason: 'completed' }
        : null;
    case CaseEventType.HOLD:
      return isActive(state) ? { to: CaseState.ON_HOLD } : null;
    case CaseEventType.RESUME:
      return state === CaseState.ON_HOLD && snapshot.stateBeforeHold
        ? { to: snapshot.stateBeforeHold }
        : null;
    case CaseEventType.CLOSE:
      return state !== CaseState.CLOSED
        ? { to: CaseState.CLOSED, closedReason: event.reason ?? ManualCloseReason.OTHER }
        : null;
    case CaseEventType.CASE_OPENED:
    case CaseEventType.CASE_REASSIGNED:
    case CaseEventType.GRANT_DISBURSED:
      return null;
  }
}

/** The snapshot after a move: entering on_hold remembers where to resume, leaving it forgets. */
export function applyMove(snapshot: CaseSnapshot, move: Move): CaseSnapshot {
  if (move.to === CaseState.ON_HOLD) return { state: move.to, stateBeforeHold: snapshot.state };
  return { state: move.to, stateBeforeHold: null };
}

export enum ManualAction {
  ON_HOLD = 'on_hold',
  RESUME = 'resume',
  CLOSE = 'close',
}

export const MANUAL_ACTION_EVENT: Record<ManualAction, CaseEventType> = {
  [ManualAction.ON_HOLD]: CaseEventType.HOLD,
  [ManualAction.RESUME]: CaseEventType.RESUME,
  [ManualAction.CLOSE]: CaseEventType.CLOSE,
};
