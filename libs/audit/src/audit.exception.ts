import { DomainException, ErrorKind } from '#app/core';

export enum AuditExceptionCode {
  INVALID_PERIOD = 'AUDIT_INVALID_PERIOD',
}

export class AuditException extends DomainException {
  constructor(code: AuditExceptionCode, message: string, details?: unknown) {
    super(ErrorKind.BAD_INPUT, code, message, details);
  }
}
