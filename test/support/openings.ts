import { expect } from '@jest/globals';
import { bearer, type Caller } from './cases.js';
import { openingBody } from './fixtures.js';
import type { TestApp } from './test-app.js';

/** Publishes an opening of `companyId` (openingBody with `overrides` over it) as `creator`; returns its id. */
export async function createOpening(
  t: TestApp,
  creator: Caller,
  companyId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const created = await t
    .http()
    .post(`/api/companies/${companyId}/openings`)
    .set(bearer(creator))
    .send(openingBody(overrides));
  expect(created.status).toBe(201);
  return created.body.id as string;
}
