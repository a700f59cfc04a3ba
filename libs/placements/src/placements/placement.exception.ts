import { DomainException, ErrorKind } from '#app/core';

export enum PlacementExceptionCode {
  NOT_FOUND = 'PLACEMENT_NOT_FOUND',
  CASE_NOT_FOUND = 'PLACEMENT_CASE_NOT_FOUND',
  CASE_CLOSED = 'PLACEMENT_CASE_CLOSED',
  CASE_NOT_ACTIVE = 'PLACEMENT_CASE_NOT_ACTIVE',
  ALREADY_PLACED = 'PLACEMENT_ALREADY_PLACED',
  DUPLICATE_SOURCE = 'PLACEMENT_DUPLICATE_SOURCE',
  EXTENDS_REQUIRED = 'PLACEMENT_EXTENDS_REQUIRED',
  EXTENDS_NOT_ALLOWED = 'PLACEMENT_EXTENDS_NOT_ALLOWED',
  EXTENDED_NOT_FOUND = 'PLACEMENT_EXTENDED_NOT_FOUND',
  EXTENSION_COMPANY_MISMATCH = 'PLACEMENT_EXTENSION_COMPANY_MISMATCH',
  STARTS_BEFORE_EXTENDED = 'PLACEMENT_STARTS_BEFORE_EXTENDED',
  COMPANY_REQUIRED = 'PLACEMENT_COMPANY_REQUIRED',
  COMPANY_NOT_FOUND = 'PLACEMENT_COMPANY_NOT_FOUND',
  OPENING_NOT_FOUND = 'PLACEMENT_OPENING_NOT_FOUND',
  OPENING_COMPANY_MISMATCH = 'PLACEMENT_OPENING_COMPANY_MISMATCH',
  INVALID_HOURS = 'PLACEMENT_INVALID_HOURS',
  INVALID_START = 'PLACEMENT_INVALID_START',
}

const KIND: Record<PlacementExceptionCode, ErrorKind> = {
  [PlacementExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [PlacementExceptionCode.CASE_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [PlacementExceptionCode.CASE_CLOSED]: ErrorKind.CONFLICT,
  [PlacementExceptionCode.CASE_NOT_ACTIVE]: ErrorKind.CONFLICT,
  [PlacementExceptionCode.ALREADY_PLACED]: ErrorKind.CONFLICT,
  [PlacementExceptionCode.DUPLICATE_SOURCE]: ErrorKind.CONFLICT,
  [PlacementExceptionCode.EXTENDS_REQUIRED]: ErrorKind.BAD_INPUT,
  [PlacementExceptionCode.EXTENDS_NOT_ALLOWED]: ErrorKind.BAD_INPUT,
  [PlacementExceptionCode.EXTENDED_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [PlacementExceptionCode.EXTENSION_COMPANY_MISMATCH]: ErrorKind.BAD_INPUT,
  [PlacementExceptionCode.STARTS_BEFORE_EXTENDED]: ErrorKind.BAD_INPUT,
  [PlacementExceptionCode.COMPANY_REQUIRED]: ErrorKind.BAD_INPUT,
  [PlacementExceptionCode.COMPANY_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [PlacementExceptionCode.OPENING_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [PlacementExceptionCode.OPENING_COMPANY_MISMATCH]: ErrorKind.BAD_INPUT,
  [PlacementExceptionCode.INVALID_HOURS]: ErrorKind.BAD_INPUT,
  [PlacementExceptionCode.INVALID_START]: ErrorKind.BAD_INPUT,
};

export class PlacementException extends DomainException {
  constructor(code: PlacementExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
