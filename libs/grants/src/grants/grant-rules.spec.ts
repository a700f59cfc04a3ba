import { describe, expect, it } from '@jest/globals';
import { canCommit, canDisburse, remainingCents } from '../funding-lines/funding-line-budget.js';
import { GrantStatus } from './grant.constant.js';
import { ApprovalProblem, approvalProblem, DisbursementProblem, disbursementProblem } from './grant-rules.js';

const line = (committedCents = 0, disbursedCents = 0, programmedCents = 100_000) => ({
  programmedCents,
  committedCents,
  disbursedCents,
});

const grant = (overrides: Partial<Parameters<typeof approvalProblem>[0]> = {}) => ({
  status: GrantStatus.SUBMITTED,
  requestedCents: 50_000,
  approvedCents: null,
  disbursedCents: 0,
  ...overrides,
});

const approved = (approvedCents: number, disbursedCents = 0) =>
  grant({ status: GrantStatus.APPROVED, approvedCents, disbursedCents });

describe('funding line budget', () => {
  it('counts what is left to commit from the approvals, not from the payments', () => {
    expect(remainingCents(line(30_000, 10_000))).toBe(70_000);
  });

  it('commits up to the last cent of the programme and not one more', () => {
    expect(canCommit(line(99_999), 1)).toBe(true);
    expect(canCommit(line(99_999), 2)).toBe(false);
    expect(canCommit(line(0), 100_000)).toBe(true);
    expect(canCommit(line(0), 0)).toBe(false);
  });

  it('pays out up to the programmed amount and not one more', () => {
    expect(canDisburse(line(100_000, 99_000), 1_000)).toBe(true);
    expect(canDisburse(line(100_000, 99_000), 1_001)).toBe(false);
    expect(canDisburse(line(100_000, 0), -1)).toBe(false);
  });
});

describe('approvalProblem', () => {
  it('approves a submitted grant within its request and the remaining budget', () => {
    expect(approvalProblem(grant(), line(50_000), 50_000)).toBeNull();
    expect(approvalProblem(grant(), line(), 20_000)).toBeNull();
  });

  it.each([GrantStatus.DRAFT, GrantStatus.APPROVED, GrantStatus.REJECTED])(
    'refuses to approve a grant in %s',
    (status) => {
      expect(approvalProblem(grant({ status }), line(), 10_000)).toBe(ApprovalProblem.NOT_SUBMITTED);
    },
  );

  it('refuses more than was requested, even when the budget would allow it', () => {
    expect(approvalProblem(grant(), line(), 50_001)).toBe(ApprovalProblem.OVER_REQUESTED);
  });

  it('refuses an approval the remaining budget cannot cover', () => {
    expect(approvalProblem(grant(), line(60_000), 40_001)).toBe(ApprovalProblem.OVER_BUDGET);
    expect(approvalProblem(grant(), line(60_000), 40_000)).toBeNull();
  });
});

describe('disbursementProblem', () => {
  it('pays an approved grant in tranches up to its approved amount', () => {
    expect(disbursementProblem(approved(2_000), line(2_000), 1_500)).toBeNull();
    expect(disbursementProblem(approved(2_000, 1_500), line(2_000, 1_500), 500)).toBeNull();
  });

  it.each([GrantStatus.DRAFT, GrantStatus.SUBMITTED, GrantStatus.REJECTED])(
    'refuses to pay a grant in %s',
    (status) => {
      expect(disbursementProblem(grant({ status }), line(), 100)).toBe(DisbursementProblem.NOT_APPROVED);
    },
  );

  it('refuses a tranche that would take the grant past its approved amount', () => {
    expect(disbursementProblem(approved(2_000, 1_800), line(2_000, 1_800), 201)).toBe(
      DisbursementProblem.OVER_APPROVED,
    );
  });

  it("refuses a tranche the line's programmed amount cannot cover, whatever the grant says", () => {
    expect(disbursementProblem(approved(2_000), line(100_000, 99_500), 600)).toBe(
      DisbursementProblem.OVER_BUDGET,
    );
  });
});
