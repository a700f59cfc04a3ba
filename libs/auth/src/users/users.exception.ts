import { DomainException, ErrorKind } from '#app/core';

export enum UsersExceptionCode {
  EMAIL_TAKEN = 'USERS_EMAIL_TAKEN',
  COMPANY_REQUIRED = 'USERS_COMPANY_REQUIRED',
  COMPANY_FORBIDDEN = 'USERS_COMPANY_FORBIDDEN',
  NOT_A_COUNSELLOR = 'USERS_NOT_A_COUNSELLOR',
  SELF_LOCKOUT = 'USERS_SELF_LOCKOUT',
  NOT_FOUND = 'USERS_NOT_FOUND',
}

const KIND: Record<UsersExceptionCode, ErrorKind> = {
  [UsersExceptionCode.EMAIL_TAKEN]: ErrorKind.CONFLICT,
  [UsersExceptionCode.COMPANY_REQUIRED]: ErrorKind.BAD_INPUT,
  [UsersExceptionCode.COMPANY_FORBIDDEN]: ErrorKind.BAD_INPUT,
  [UsersExceptionCode.NOT_A_COUNSELLOR]: ErrorKind.BAD_INPUT,
  [UsersExceptionCode.SELF_LOCKOUT]: ErrorKind.CONFLICT,
  [UsersExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
};

export class UsersException extends DomainException {
  constructor(code: UsersExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
