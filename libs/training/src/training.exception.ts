import { DomainException, ErrorKind } from '#app/core';

export enum TrainingExceptionCode {
  COURSE_NOT_FOUND = 'COURSE_NOT_FOUND',
  COURSE_DATES_OUT_OF_ORDER = 'COURSE_DATES_OUT_OF_ORDER',
  COURSE_FULL = 'COURSE_FULL',
  ENROLLMENT_NOT_FOUND = 'ENROLLMENT_NOT_FOUND',
  ALREADY_ENROLLED = 'ENROLLMENT_ALREADY_ACTIVE',
  CASE_CLOSED = 'ENROLLMENT_CASE_CLOSED',
  ALREADY_ENDED = 'ENROLLMENT_ALREADY_ENDED',
  QUALIFICATION_WITHOUT_COMPLETION = 'ENROLLMENT_QUALIFICATION_WITHOUT_COMPLETION',
}

const KIND: Record<TrainingExceptionCode, ErrorKind> = {
  [TrainingExceptionCode.COURSE_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [TrainingExceptionCode.COURSE_DATES_OUT_OF_ORDER]: ErrorKind.BAD_INPUT,
  [TrainingExceptionCode.COURSE_FULL]: ErrorKind.CONFLICT,
  [TrainingExceptionCode.ENROLLMENT_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [TrainingExceptionCode.ALREADY_ENROLLED]: ErrorKind.CONFLICT,
  [TrainingExceptionCode.CASE_CLOSED]: ErrorKind.CONFLICT,
  [TrainingExceptionCode.ALREADY_ENDED]: ErrorKind.CONFLICT,
  [TrainingExceptionCode.QUALIFICATION_WITHOUT_COMPLETION]: ErrorKind.BAD_INPUT,
};

export class TrainingException extends DomainException {
  constructor(code: TrainingExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
