import { DomainException, ErrorKind } from '#app/core';

export enum ReminderExceptionCode {
  NOT_FOUND = 'REMINDER_NOT_FOUND',
}

const KIND: Record<ReminderExceptionCode, ErrorKind> = {
  [ReminderExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
};

export class ReminderException extends DomainException {
  constructor(code: ReminderExceptionCode, message: string) {
    super(KIND[code], code, message);
  }
}
