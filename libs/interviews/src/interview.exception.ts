import { DomainException, ErrorKind } from '#app/core';

export enum InterviewExceptionCode {
  NOT_FOUND = 'INTERVIEW_NOT_FOUND',
  ALREADY_HELD = 'INTERVIEW_ALREADY_HELD',
  CASE_CLOSED = 'INTERVIEW_CASE_CLOSED',
  HELD_IN_FUTURE = 'INTERVIEW_HELD_IN_FUTURE',
}

const KIND: Record<InterviewExceptionCode, ErrorKind> = {
  [InterviewExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [InterviewExceptionCode.ALREADY_HELD]: ErrorKind.CONFLICT,
  [InterviewExceptionCode.CASE_CLOSED]: ErrorKind.CONFLICT,
  [InterviewExceptionCode.HELD_IN_FUTURE]: ErrorKind.BAD_INPUT,
};

export class InterviewException extends DomainException {
  constructor(code: InterviewExceptionCode, message: string) {
    super(KIND[code], code, message);
  }
}
