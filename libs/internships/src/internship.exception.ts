import { DomainException, ErrorKind } from '#app/core';
import { InternshipRule, type RuleRefusal } from './rules/internship-rules.js';

export enum InternshipExceptionCode {
  NOT_FOUND = 'INTERNSHIP_NOT_FOUND',
  CASE_CLOSED = 'INTERNSHIP_CASE_CLOSED',
  COMPANY_NOT_FOUND = 'INTERNSHIP_COMPANY_NOT_FOUND',
  OPENING_NOT_FOUND = 'INTERNSHIP_OPENING_NOT_FOUND',
  OPENING_OF_ANOTHER_COMPANY = 'INTERNSHIP_OPENING_OF_ANOTHER_COMPANY',
  DATES_OUT_OF_ORDER = 'INTERNSHIP_DATES_OUT_OF_ORDER',
  ALLOWANCE_TOO_LOW = 'INTERNSHIP_ALLOWANCE_TOO_LOW',
  TOO_SHORT = 'INTERNSHIP_TOO_SHORT',
  TOO_LONG = 'INTERNSHIP_TOO_LONG',
  HOST_QUOTA_EXCEEDED = 'INTERNSHIP_HOST_QUOTA_EXCEEDED',
  ALREADY_ENDED = 'INTERNSHIP_ALREADY_ENDED',
}

const KIND: Record<InternshipExceptionCode, ErrorKind> = {
  [InternshipExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [InternshipExceptionCode.CASE_CLOSED]: ErrorKind.CONFLICT,
  [InternshipExceptionCode.COMPANY_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [InternshipExceptionCode.OPENING_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [InternshipExceptionCode.OPENING_OF_ANOTHER_COMPANY]: ErrorKind.BAD_INPUT,
  [InternshipExceptionCode.DATES_OUT_OF_ORDER]: ErrorKind.BAD_INPUT,
  [InternshipExceptionCode.ALLOWANCE_TOO_LOW]: ErrorKind.BAD_INPUT,
  [InternshipExceptionCode.TOO_SHORT]: ErrorKind.BAD_INPUT,
  [InternshipExceptionCode.TOO_LONG]: ErrorKind.BAD_INPUT,
  // The request is fine; the company's current interns are in the way.
  [InternshipExceptionCode.HOST_QUOTA_EXCEEDED]: ErrorKind.CONFLICT,
  [InternshipExceptionCode.ALREADY_ENDED]: ErrorKind.CONFLICT,
};

const RULE_CODE: Record<InternshipRule, InternshipExceptionCode> = {
  [InternshipRule.DATE_ORDER]: InternshipExceptionCode.DATES_OUT_OF_ORDER,
  [InternshipRule.MINIMUM_ALLOWANCE]: InternshipExceptionCode.ALLOWANCE_TOO_LOW,
  [InternshipRule.MINIMUM_LENGTH]: InternshipExceptionCode.TOO_SHORT,
  [InternshipRule.MAXIMUM_LENGTH]: InternshipExceptionCode.TOO_LONG,
  [InternshipRule.HOST_QUOTA]: InternshipExceptionCode.HOST_QUOTA_EXCEEDED,
};

export class InternshipException extends DomainException {
  constructor(code: InternshipExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }

  static refused(refusal: RuleRefusal): InternshipException {
    return new InternshipException(RULE_CODE[refusal.rule], refusal.message, refusal.details);
  }
}
