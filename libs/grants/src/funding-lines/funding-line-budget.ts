/** The money of a funding line, in integer cents. */
export interface FundingLineBudget {
  programmedCents: number;
  committedCents: number;
  disbursedCents: number;
}

/** What can still be committed to new grants: approvals, not payments, consume the budget. */
export function remainingCents(line: FundingLineBudget): number {
  return line.programmedCents - line.committedCents;
}

export function canCommit(line: FundingLineBudget, cents: number): boolean {
  return cents > 0 && line.committedCents + cents <= line.programmedCents;
}

export function canDisburse(line: FundingLineBudget, cents: number): boolean {
  return cents > 0 && line.disbursedCents + cents <= line.programmedCents;
}
