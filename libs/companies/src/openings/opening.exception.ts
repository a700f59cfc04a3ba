import { DomainException, ErrorKind } from '#app/core';

export enum OpeningExceptionCode {
  NOT_FOUND = 'OPENING_NOT_FOUND',
  FILLED = 'OPENING_FILLED',
  POSITIONS_BELOW_HIRES = 'OPENING_POSITIONS_BELOW_HIRES',
}

const KIND: Record<OpeningExceptionCode, ErrorKind> = {
  [OpeningExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [OpeningExceptionCode.FILLED]: ErrorKind.CONFLICT,
  [OpeningExceptionCode.POSITIONS_BELOW_HIRES]: ErrorKind.CONFLICT,
};

export class OpeningException extends DomainException {
  constructor(code: OpeningExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
