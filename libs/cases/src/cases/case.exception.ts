import { DomainException, ErrorKind } from '#app/core';

export enum CaseExceptionCode {
  NOT_FOUND = 'CASE_NOT_FOUND',
  ALREADY_OPEN = 'CASE_ALREADY_OPEN',
  INVALID_TRANSITION = 'CASE_INVALID_TRANSITION',
  CLOSE_REASON_REQUIRED = 'CASE_CLOSE_REASON_REQUIRED',
  COUNSELLOR_NOT_ALLOWED = 'CASE_COUNSELLOR_NOT_ALLOWED',
  COUNSELLOR_REQUIRED = 'CASE_COUNSELLOR_REQUIRED',
}

const KIND: Record<CaseExceptionCode, ErrorKind> = {
  [CaseExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [CaseExceptionCode.ALREADY_OPEN]: ErrorKind.CONFLICT,
  [CaseExceptionCode.INVALID_TRANSITION]: ErrorKind.CONFLICT,
  [CaseExceptionCode.CLOSE_REASON_REQUIRED]: ErrorKind.BAD_INPUT,
  [CaseExceptionCode.COUNSELLOR_NOT_ALLOWED]: ErrorKind.BAD_INPUT,
  [CaseExceptionCode.COUNSELLOR_REQUIRED]: ErrorKind.BAD_INPUT,
};

export class CaseException extends DomainException {
  constructor(code: CaseExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
