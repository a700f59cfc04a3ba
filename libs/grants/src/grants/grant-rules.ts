import { canCommit, canDisburse, type FundingLineBudget } from '../funding-lines/funding-line-budget.js';
import { GrantStatus } from './grant.constant.js';

/** The money of a grant, in integer cents. */
export interface GrantMoney {
  status: GrantStatus;
  requestedCents: number;
  approvedCents: number | null;
  disbursedCents: number;
}

export enum ApprovalProblem {
  NOT_SUBMITTED = 'not_submitted',
  OVER_REQUESTED = 'over_requested',
  OVER_BUDGET = 'over_budget',
}

export enum DisbursementProblem {
  NOT_APPROVED = 'not_approved',
  OVER_APPROVED = 'over_approved',
  OVER_BUDGET = 'over_budget',
}

/** Why approving `approvedCents` is refused, or null when it may go ahead. Checked under the row locks. */
export function approvalProblem(
  grant: GrantMoney,
  line: FundingLineBudget,
  approvedCents: number,
): ApprovalProblem | null {
  if (grant.status !== GrantStatus.SUBMITTED) return ApprovalProblem.NOT_SUBMITTED;
  if (approvedCents > grant.requestedCents) return ApprovalProblem.OVER_REQUESTED;
  if (!canCommit(line, approvedCents)) return ApprovalProblem.OVER_BUDGET;
  return null;
}

/**
 * Why paying `amountCents` is refused, or null. The line's own ceiling is checked too, although the
 * grant's approved amount was already committed against it: the totals are two independent guards.
 */
export function disbursementProblem(
  grant: GrantMoney,
  line: FundingLineBudget,
  amountCents: number,
): DisbursementProblem | null {
  if (grant.status !== GrantStatus.APPROVED || grant.approvedCents === null)
    return DisbursementProblem.NOT_APPROVED;
  if (grant.disbursedCents + amountCents > grant.approvedCents) return DisbursementProblem.OVER_APPROVED;
  if (!canDisburse(line, amountCents)) return DisbursementProblem.OVER_BUDGET;
  return null;
}
