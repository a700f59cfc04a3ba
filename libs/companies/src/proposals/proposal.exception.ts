import { DomainException, ErrorKind } from '#app/core';

export enum ProposalExceptionCode {
  NOT_FOUND = 'PROPOSAL_NOT_FOUND',
  OPENING_NOT_OPEN = 'PROPOSAL_OPENING_NOT_OPEN',
  CASE_CLOSED = 'PROPOSAL_CASE_CLOSED',
  DUPLICATE = 'PROPOSAL_DUPLICATE',
  INVALID_TRANSITION = 'PROPOSAL_INVALID_TRANSITION',
  PLACEMENT_REQUIRED = 'PROPOSAL_PLACEMENT_REQUIRED',
  PLACEMENT_UNEXPECTED = 'PROPOSAL_PLACEMENT_UNEXPECTED',
  NOTHING_TO_CHANGE = 'PROPOSAL_NOTHING_TO_CHANGE',
}

const KIND: Record<ProposalExceptionCode, ErrorKind> = {
  [ProposalExceptionCode.NOT_FOUND]: ErrorKind.NOT_FOUND,
  [ProposalExceptionCode.OPENING_NOT_OPEN]: ErrorKind.CONFLICT,
  [ProposalExceptionCode.CASE_CLOSED]: ErrorKind.CONFLICT,
  [ProposalExceptionCode.DUPLICATE]: ErrorKind.CONFLICT,
  [ProposalExceptionCode.INVALID_TRANSITION]: ErrorKind.CONFLICT,
  [ProposalExceptionCode.PLACEMENT_REQUIRED]: ErrorKind.BAD_INPUT,
  [ProposalExceptionCode.PLACEMENT_UNEXPECTED]: ErrorKind.BAD_INPUT,
  [ProposalExceptionCode.NOTHING_TO_CHANGE]: ErrorKind.BAD_INPUT,
};

export class ProposalException extends DomainException {
  constructor(code: ProposalExceptionCode, message: string, details?: unknown) {
    super(KIND[code], code, message, details);
  }
}
