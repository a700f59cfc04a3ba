import { DomainException, ErrorKind } from '#app/core';

export enum AuthExceptionCode {
  INVALID_CREDENTIALS = 'AUTH_INVALID_CREDENTIALS',
  MISSING_TOKEN = 'AUTH_MISSING_TOKEN',
  INVALID_TOKEN = 'AUTH_INVALID_TOKEN',
  ROLE_NOT_ALLOWED = 'AUTH_ROLE_NOT_ALLOWED',
}

const KIND: Record<AuthExceptionCode, ErrorKind> = {
  [AuthExceptionCode.INVALID_CREDENTIALS]: ErrorKind.UNAUTHENTICATED,
  [AuthExceptionCode.MISSING_TOKEN]: ErrorKind.UNAUTHENTICATED,
  [AuthExceptionCode.INVALID_TOKEN]: ErrorKind.UNAUTHENTICATED,
  [AuthExceptionCode.ROLE_NOT_ALLOWED]: ErrorKind.FORBIDDEN,
};

export class AuthException extends DomainException {
  constructor(code: AuthExceptionCode, message: string) {
    super(KIND[code], code, message);
  }
}
