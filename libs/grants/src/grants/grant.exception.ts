import { DomainException, ErrorKind } from '#app/core';

export enum GrantExceptionCode {
  NOT_FOUND = 'GRANT_NOT_FOUND',
  CASE_CLOSED = 'GRANT_CASE_CLOSED',
  INVALID_STATUS = 'GRANT_INVALID_STATUS',
  APPROVED_OVER_REQUESTED = 'GRANT_APPROVED_OVER_REQUESTED',
  /** The funding line cannot cover an approval or a payment (SPEC 8: "budget exceeded"). */
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  DISBURSED_OVER_APPROVED = 'GRANT_DISBURSED_OVER_APPROVED',
  BUSINESS_ALREADY_STARTED = 'GRANT_BUSINESS_ALREADY_STARTED',
}

const KIND: Record<GrantExceptionCode, ErrorKind> = {
  [GrantExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [GrantExceptionCode.CASE_CLOSED]: ErrorKind.CONFLICT,
  [GrantExceptionCode.INVALID_STATUS]: ErrorKind.CONFLICT,
  [GrantExceptionCode.APPROVED_OVER_REQUESTED]: ErrorKind.BAD_INPUT,
  [GrantExceptionCode.BUDGET_EXCEEDED]: ErrorKind.CONFLICT,
  [GrantExceptionCode.DISBURSED_OVER_APPROVED]: ErrorKind.CONFLICT,
  [GrantExceptionCode.BUSINESS_ALREADY_STARTED]: ErrorKind.CONFLICT,
};

export class GrantException extends DomainException {
  constructor(code: GrantExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
