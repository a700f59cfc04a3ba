import { DomainException, ErrorKind } from '#app/core';

export enum BeneficiaryExceptionCode {
  NOT_FOUND = 'BENEFICIARY_NOT_FOUND',
  DUPLICATE_FISCAL_CODE = 'BENEFICIARY_DUPLICATE_FISCAL_CODE',
  FISCAL_CODE_MISMATCH = 'BENEFICIARY_FISCAL_CODE_MISMATCH',
}

const KIND_OF: Record<BeneficiaryExceptionCode, ErrorKind> = {
  [BeneficiaryExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [BeneficiaryExceptionCode.DUPLICATE_FISCAL_CODE]: ErrorKind.CONFLICT,
  [BeneficiaryExceptionCode.FISCAL_CODE_MISMATCH]: ErrorKind.BAD_INPUT,
};

export class BeneficiaryException extends DomainException {
  constructor(code: BeneficiaryExceptionCode, message: string, details?: unknown) {
    super(KIND_OF[code], code, message, details);
  }
}
