/** How a domain failure reads over HTTP; the filter maps each kind to one status code. */
export enum ErrorKind {
  BAD_INPUT = 'bad_input',
  UNAUTHENTICATED = 'unauthenticated',
  FORBIDDEN = 'forbidden',
  NOT_FOUND = 'not_found',
  CONFLICT = 'conflict',
  TOO_LARGE = 'too_large',
  UNAVAILABLE = 'unavailable',
}

/**
 * Base of every feature's exception: a stable machine code (`CASE_INVALID_TRANSITION`) and a kind.
 * Features subclass it with their own code enum so a reader finds every failure of a feature in one file.
 */
export class DomainException extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundDomainException extends DomainException {
  constructor(resource: string, id?: string) {
    super(ErrorKind.NOT_FOUND, 'NOT_FOUND', id ? `${resource} ${id} not found` : `${resource} not found`);
  }
}

export class BadInputException extends DomainException {
  constructor(message: string, details?: unknown) {
    super(ErrorKind.BAD_INPUT, 'BAD_INPUT', message, details);
  }
}

export class ConflictException extends DomainException {
  constructor(code: string, message: string, details?: unknown) {
    super(ErrorKind.CONFLICT, code, message, details);
  }
}
