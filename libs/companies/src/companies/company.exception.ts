import { DomainException, ErrorKind } from '#app/core';

export enum CompanyExceptionCode {
  NOT_FOUND = 'COMPANY_NOT_FOUND',
  DUPLICATE_VAT_NUMBER = 'COMPANY_DUPLICATE_VAT_NUMBER',
  FIELD_READ_ONLY = 'COMPANY_FIELD_READ_ONLY',
}

const KIND: Record<CompanyExceptionCode, ErrorKind> = {
  [CompanyExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [CompanyExceptionCode.DUPLICATE_VAT_NUMBER]: ErrorKind.CONFLICT,
  [CompanyExceptionCode.FIELD_READ_ONLY]: ErrorKind.BAD_INPUT,
};

export class CompanyException extends DomainException {
  constructor(code: CompanyExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
