import { describe, expect, it } from '@jest/globals';
import {
  ALL_CASE_EVENT_TYPES,
  ALL_CASE_STATES,
  CaseEventType,
  CaseState,
  ManualCloseReason,
  Triage,
} from './case-state.js';
import { applyMove, type CaseSnapshot, nextMove, type WorkflowEvent } from './state-machine.js';

const S = CaseState;
const E = CaseEventType;
const ACTIVE = [S.INTAKE, S.ORIENTATION, S.TRAINING, S.INTERNSHIP, S.JOB_SEARCH, S.SELF_EMPLOYMENT];

/** SPEC section 6 written out as data, independently of the implementation: event -> from-state -> to-state. */
const EXPECTED: Record<CaseEventType, Partial<Record<CaseState, CaseState>>> = {
  [E.CASE_OPENED]: {},
  [E.CASE_REASSIGNED]: {},
  [E.GRANT_DISBURSED]: {},
  [E.INTERVIEW_HELD]: { [S.INTAKE]: S.ORIENTATION },
  [E.ENROLLMENT_CREATED]: { [S.ORIENTATION]: S.TRAINING, [S.JOB_SEARCH]: S.TRAINING },
  [E.ENROLLMENT_ENDED]: { [S.TRAINING]: S.JOB_SEARCH },
  [E.INTERNSHIP_STARTED]: {
    [S.ORIENTATION]: S.INTERNSHIP,
    [S.TRAINING]: S.INTERNSHIP,
    [S.JOB_SEARCH]: S.INTERNSHIP,
  },
  [E.INTERNSHIP_ENDED]: { [S.INTERNSHIP]: S.JOB_SEARCH },
  [E.PROPOSAL_CREATED]: { [S.ORIENTATION]: S.JOB_SEARCH, [S.TRAINING]: S.JOB_SEARCH },
  [E.GRANT_SUBMITTED]: {
    [S.ORIENTATION]: S.SELF_EMPLOYMENT,
    [S.TRAINING]: S.SELF_EMPLOYMENT,
    [S.JOB_SEARCH]: S.SELF_EMPLOYMENT,
  },
  [E.PLACEMENT_RECORDED]: Object.fromEntries(ACTIVE.map((state) => [state, S.PLACED])),
  [E.FOLLOWUP_RECORDED]: { [S.PLACED]: S.CLOSED },
  [E.HOLD]: Object.fromEntries(ACTIVE.map((state) => [state, S.ON_HOLD])),
  [E.RESUME]: { [S.ON_HOLD]: S.TRAINING },
  [E.CLOSE]: Object.fromEntries(
    ALL_CASE_STATES.filter((s) => s !== S.CLOSED).map((state) => [state, S.CLOSED]),
  ),
};

/** The event facts under which each row of the table fires. */
const FIRING_FACTS: Partial<Record<CaseEventType, Partial<WorkflowEvent>>> = {
  [E.INTERVIEW_HELD]: { triage: Triage.READY_FOR_PLACEMENT },
  [E.ENROLLMENT_ENDED]: { otherActiveEnrollments: 0 },
  [E.INTERNSHIP_ENDED]: { endedWithPlacement: false },
  [E.FOLLOWUP_RECORDED]: { monthsAfterPlacement: 12 },
  [E.CLOSE]: { reason: ManualCloseReason.DROPPED_OUT },
};

function snapshot(state: CaseState): CaseSnapshot {
  return { state, stateBeforeHold: state === S.ON_HOLD ? S.TRAINING : null };
}

describe('case state machine', () => {
  const grid = ALL_CASE_STATES.flatMap((state) => ALL_CASE_EVENT_TYPES.map((type) => [state, type] as const));

  it.each(grid)('from %s on %s moves exactly as SPEC section 6 says', (state, type) => {
    const move = nextMove(snapshot(state), { type, ...FIRING_FACTS[type] });
    expect(move?.to ?? null).toBe(EXPECTED[type][state] ?? null);
  });

  it('covers every state and every event', () => {
    expect(grid).toHaveLength(9 * ALL_CASE_EVENT_TYPES.length);
  });

  it('closes an out-of-target person at intake with reason out_of_target', () => {
    expect(nextMove(snapshot(S.INTAKE), { type: E.INTERVIEW_HELD, triage: Triage.OUT_OF_TARGET })).toEqual({
      to: S.CLOSED,
      closedReason: 'out_of_target',
    });
  });

  it('keeps a case in training while another enrollment is still active', () => {
    expect(
      nextMove(snapshot(S.TRAINING), { type: E.ENROLLMENT_ENDED, otherActiveEnrollments: 1 }),
    ).toBeNull();
  });

  it('leaves the move to the placement when an internship ends in a hire', () => {
    expect(
      nextMove(snapshot(S.INTERNSHIP), { type: E.INTERNSHIP_ENDED, endedWithPlacement: true }),
    ).toBeNull();
  });

  it.each([3, 6])('does not close a placed case at the +%i-month follow-up', (months) => {
    expect(
      nextMove(snapshot(S.PLACED), { type: E.FOLLOWUP_RECORDED, monthsAfterPlacement: months }),
    ).toBeNull();
  });

  it('closes a placed case at the +12-month follow-up with reason completed', () => {
    expect(nextMove(snapshot(S.PLACED), { type: E.FOLLOWUP_RECORDED, monthsAfterPlacement: 12 })).toEqual({
      to: S.CLOSED,
      closedReason: 'completed',
    });
  });

  it.each(ACTIVE)('resumes a case put on hold from %s back to %s', (state) => {
    const held = applyMove(snapshot(state), { to: S.ON_HOLD });
    expect(held).toEqual({ state: S.ON_HOLD, stateBeforeHold: state });
    const resume = nextMove(held, { type: E.RESUME });
    expect(resume).toEqual({ to: state });
    expect(applyMove(held, resume!)).toEqual({ state, stateBeforeHold: null });
  });

  it('keeps the manual close reason', () => {
    expect(nextMove(snapshot(S.PLACED), { type: E.CLOSE, reason: ManualCloseReason.MOVED_AWAY })).toEqual({
      to: S.CLOSED,
      closedReason: 'moved_away',
    });
  });

  it('cannot resume a case on hold that does not know its previous state', () => {
    expect(nextMove({ state: S.ON_HOLD, stateBeforeHold: null }, { type: E.RESUME })).toBeNull();
  });
});
