import { DomainException, ErrorKind } from '#app/core';

export enum ReportsExceptionCode {
  INVALID_PERIOD = 'REPORT_INVALID_PERIOD',
  PERIOD_TOO_LONG = 'REPORT_PERIOD_TOO_LONG',
  TIMEOUT = 'REPORT_TIMEOUT',
}

const KIND: Record<ReportsExceptionCode, ErrorKind> = {
  [ReportsExceptionCode.INVALID_PERIOD]: ErrorKind.BAD_INPUT,
  [ReportsExceptionCode.PERIOD_TOO_LONG]: ErrorKind.BAD_INPUT,
  [ReportsExceptionCode.TIMEOUT]: ErrorKind.UNAVAILABLE,
};

export class ReportsException extends DomainException {
  constructor(code: ReportsExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
