import { caseStateMetric, Metric } from '#app/metrics';
import { CaseEventType, type CaseState } from './case-state.js';
import type { Move, WorkflowEvent } from './state-machine.js';

/** What the engine reads from an event's payload; producers write these keys. */
export interface CaseEventPayload {
  triage?: WorkflowEvent['triage'];
  otherActiveEnrollments?: number;
  endedWithPlacement?: boolean;
  monthsAfterPlacement?: number;
  reason?: WorkflowEvent['reason'];
  /** enrollment.ended */
  enrollmentStatus?: 'completed' | 'dropped';
  /** placement.recorded */
  placementId?: string;
  beneficiaryId?: string;
  /** grant.disbursed */
  amountCents?: number;
  firstDisbursementOfGrant?: boolean;
}

export function toWorkflowEvent(type: CaseEventType, payload: CaseEventPayload): WorkflowEvent {
  return {
    type,
    triage: payload.triage,
    otherActiveEnrollments: payload.otherActiveEnrollments,
    endedWithPlacement: payload.endedWithPlacement,
    monthsAfterPlacement: payload.monthsAfterPlacement,
    reason: payload.reason,
  };
}

/**
 * The counters an applied event changes (SPEC section 7), apart from people placed, which needs the
 * database to know whether the person was placed before. Pure, so it is unit-tested with the machine.
 */
export function counterDeltas(
  type: CaseEventType,
  payload: CaseEventPayload,
  state: CaseState,
  move: Move | null,
): Map<string, number> {
  const deltas = new Map<string, number>();
  const add = (name: string, delta: number) => deltas.set(name, (deltas.get(name) ?? 0) + delta);
  switch (type) {
    case CaseEventType.CASE_OPENED:
      add(caseStateMetric(state), 1);
      break;
    case CaseEventType.INTERVIEW_HELD:
      add(Metric.INTERVIEWS_HELD, 1);
      break;
    case CaseEventType.INTERNSHIP_STARTED:
      add(Metric.INTERNSHIPS_STARTED, 1);
      break;
    case CaseEventType.ENROLLMENT_ENDED:
      if (payload.enrollmentStatus === 'completed') add(Metric.ENROLLMENTS_COMPLETED, 1);
      break;
    case CaseEventType.PLACEMENT_RECORDED:
      add(Metric.PLACEMENTS, 1);
      break;
    case CaseEventType.GRANT_DISBURSED:
      add(Metric.GRANTS_DISBURSED_CENTS, payload.amountCents ?? 0);
      if (payload.firstDisbursementOfGrant) add(Metric.GRANTS_DISBURSED, 1);
      break;
    case CaseEventType.CASE_REASSIGNED:
    case CaseEventType.ENROLLMENT_CREATED:
    case CaseEventType.INTERNSHIP_ENDED:
    case CaseEventType.PROPOSAL_CREATED:
    case CaseEventType.GRANT_SUBMITTED:
    case CaseEventType.FOLLOWUP_RECORDED:
    case CaseEventType.HOLD:
    case CaseEventType.RESUME:
    case CaseEventType.CLOSE:
      break;
  }
  if (move) {
    add(caseStateMetric(state), -1);
    add(caseStateMetric(move.to), 1);
  }
  return deltas;
}
