import type { NextFunction, Request, Response } from 'express';
import { DomainException, ErrorKind } from '../errors/domain.exception.js';

export const MAX_BODY_DEPTH = 32;

/** Nesting depth of a parsed JSON value, measured without recursion so hostile input cannot overflow the stack. */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Refuses bodies nested deeper than any DTO of the API: validation and transformation walk bodies
 * recursively, and a 20,000-level body would overflow their stack and answer a 500.
 */
export function rejectDeepBodies(limit = MAX_BODY_DEPTH) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (jsonDepth(request.body, limit) > limit) {
      next(
        new DomainException(
          ErrorKind.BAD_INPUT,
          'BODY_TOO_DEEP',
          `The body is nested deeper than ${limit} levels`,
        ),
      );
      return;
    }
    next();
  };
}
