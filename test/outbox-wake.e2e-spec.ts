import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { holdInterview, openCase, waitForStatus } from './support/cases.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

/**
 * The relays are woken after the commit of every transaction that wrote events. Polling is pushed out of
 * reach here (one pass at start, the next in ten minutes), so an event that the wake-up missed would
 * never be applied within the test.
 */
describe('outbox wake-ups after commit', () => {
  let t: TestApp;
  let counsellor: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: { RELAY_INTERVAL_MS: '600000' } });
    counsellor = await t.userToken(Role.COUNSELLOR);
  });

  afterAll(async () => {
    await t.close();
  });

  it('applies an event as soon as its transaction commits, without waiting for a poll', async () => {
    const { caseId } = await openCase(t, counsellor);
    await holdInterview(t, counsellor, caseId);
    await waitForStatus(t, counsellor, caseId, 'orientation');
  });

  it('loses no wake-up when many transactions commit at once (they are coalesced)', async () => {
    const opened = await Promise.all(Array.from({ length: 12 }, () => openCase(t, counsellor)));
    await Promise.all(opened.map(({ caseId }) => holdInterview(t, counsellor, caseId)));
    await Promise.all(opened.map(({ caseId }) => waitForStatus(t, counsellor, caseId, 'orientation')));
    const [{ pending }] = await t.dataSource.query<Array<{ pending: number }>>(
      'SELECT count(*)::int AS pending FROM case_events WHERE case_id = ANY($1::uuid[]) AND applied_at IS NULL',
      [opened.map(({ caseId }) => caseId)],
    );
    expect(pending).toBe(0);
  });
});
