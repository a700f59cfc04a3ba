import { DomainException, ErrorKind } from '#app/core';

export enum BeneficiaryExceptionCode {
  NOT_FOUND = 'BENEFICIARY_NOT_FOUND',
  DUPLICATE_FISCAL_CODE = 'BENEFICIARY_DUPLICATE_FISCAL_CODE',
  FISCAL_CODE_MISMATCH = 'BENEFICIARY_FISCAL_CODE_MISMATCH',
  ERASED = 'BENEFICIARY_ERASED',
  IMPORT_NO_FILE = 'BENEFICIARY_IMPORT_NO_FILE',
  IMPORT_EMPTY = 'BENEFICIARY_IMPORT_EMPTY',
  IMPORT_MALFORMED = 'BENEFICIARY_IMPORT_MALFORMED',
  IMPORT_BAD_HEADER = 'BENEFICIARY_IMPORT_BAD_HEADER',
  IMPORT_TOO_MANY_ROWS = 'BENEFICIARY_IMPORT_TOO_MANY_ROWS',
}

const KIND_OF: Record<BeneficiaryExceptionCode, ErrorKind> = {
  [BeneficiaryExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [BeneficiaryExceptionCode.DUPLICATE_FISCAL_CODE]: ErrorKind.CONFLICT,
  [BeneficiaryExceptionCode.FISCAL_CODE_MISMATCH]: ErrorKind.BAD_INPUT,
  [BeneficiaryExceptionCode.ERASED]: ErrorKind.CONFLICT,
  [BeneficiaryExceptionCode.IMPORT_NO_FILE]: ErrorKind.BAD_INPUT,
  [BeneficiaryExceptionCode.IMPORT_EMPTY]: ErrorKind.BAD_INPUT,
  [BeneficiaryExceptionCode.IMPORT_MALFORMED]: ErrorKind.BAD_INPUT,
  [BeneficiaryExceptionCode.IMPORT_BAD_HEADER]: ErrorKind.BAD_INPUT,
  [BeneficiaryExceptionCode.IMPORT_TOO_MANY_ROWS]: ErrorKind.TOO_LARGE,
};

export class BeneficiaryException extends DomainException {
  constructor(code: BeneficiaryExceptionCode, message: string, details?: unknown) {
    super(KIND_OF[code], code, message, details);
  }
}
