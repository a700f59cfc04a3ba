import { DomainException, ErrorKind } from '#app/core';

export enum FollowUpExceptionCode {
  NOT_FOUND = 'FOLLOW_UP_NOT_FOUND',
  ALREADY_RECORDED = 'FOLLOW_UP_ALREADY_RECORDED',
  NOT_DUE = 'FOLLOW_UP_NOT_DUE',
}

const KIND: Record<FollowUpExceptionCode, ErrorKind> = {
  [FollowUpExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [FollowUpExceptionCode.ALREADY_RECORDED]: ErrorKind.CONFLICT,
  [FollowUpExceptionCode.NOT_DUE]: ErrorKind.CONFLICT,
};

export class FollowUpException extends DomainException {
  constructor(code: FollowUpExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
