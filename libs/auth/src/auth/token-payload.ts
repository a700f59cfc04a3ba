import type { Role } from '#app/core';

/** What an access token carries. The guard re-reads the user, so role and companyId are hints for clients. */
export interface TokenPayload {
  sub: string;
  role: Role;
  companyId: string | null;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The token of an `Authorization: Bearer <token>` header, or undefined for any other shape. */
export function extractBearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  return BEARER.exec(header)?.[1];
}
