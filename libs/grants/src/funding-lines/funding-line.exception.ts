import { DomainException, ErrorKind } from '#app/core';

export enum FundingLineExceptionCode {
  NOT_FOUND = 'FUNDING_LINE_NOT_FOUND',
  CODE_TAKEN = 'FUNDING_LINE_CODE_TAKEN',
}

const KIND: Record<FundingLineExceptionCode, ErrorKind> = {
  [FundingLineExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [FundingLineExceptionCode.CODE_TAKEN]: ErrorKind.CONFLICT,
};

export class FundingLineException extends DomainException {
  constructor(code: FundingLineExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
