import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { type ApplyEventsJobData, QueueName, Role } from '#app/core';
import { counters, OPENED_AND_HELD, seedCasesWithEvents, unappliedEvents } from './support/seed-events.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

/**
 * The engine commits asynchronously (docs/DECISIONS.md): a PostgreSQL crash may lose a transaction
 * whose BullMQ job had already completed. These tests put the database in the state such a crash
 * leaves and check that the relay runs the job again.
 */
describe('engine: a lost asynchronous commit is applied again', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp({ env: { RELAY_INTERVAL_MS: '50', RELAY_REPUBLISH_AFTER_MS: '300' } });
    counsellor = await t.userToken(Role.COUNSELLOR);
    queue = new Queue(QueueName.WORKFLOW, {
      connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      prefix: t.queuePrefix,
    });
  });

  afterAll(async () => {
    await queue.close();
    await t.close();
  });

  /** What PostgreSQL holds after losing the commit that applied the interview of `caseId`. */
  async function loseTheCommit(caseId: string): Promise<void> {
    await t.dataSource.query(
      `UPDATE case_events SET applied_at = NULL, from_state = NULL, to_state = NULL, outcome = NULL,
         published_at = now() - interval '1 minute'
       WHERE case_id = $1 AND type = 'interview.held'`,
      [caseId],
    );
    await t.dataSource.query(`UPDATE cases SET status = 'intake', version = version - 1 WHERE id = $1`, [
      caseId,
    ]);
    await t.dataSource.query(
      `INSERT INTO metric_counter_shards (name, shard, value)
       VALUES ('interviewsHeld', 0, -1), ('cases.orientation', 0, -1), ('cases.intake', 0, 1)
       ON CONFLICT (name, shard) DO UPDATE SET value = metric_counter_shards.value + EXCLUDED.value`,
    );
  }

  it('runs the completed job of an event left unapplied again, and counts it once', async () => {
    const [lost, kept] = await seedCasesWithEvents(t.dataSource, {
      count: 2,
      counsellorId: counsellor.user.id,
      tag: 'LOST',
      events: OPENED_AND_HELD,
    });
    await waitFor(async () => (await unappliedEvents(t.dataSource)) === 0, { message: 'events applied' });
    expect(await counters(t.dataSource)).toEqual({ interviewsHeld: 2, 'cases.orientation': 2 });

    // The job must have completed before the commit is lost; the relay may rerun it at once after.
    const [{ id: eventId }] = await t.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM case_events WHERE case_id = $1 AND type = 'interview.held'`,
      [lost],
    );
    await waitFor(
      async () =>
        (await queue.getJobs(['completed'])).some((job) =>
          (job.data as ApplyEventsJobData).events.some((event) => event.eventId === eventId),
        ),
      { message: 'the job completed' },
    );
    await loseTheCommit(lost);

    await waitFor(async () => (await unappliedEvents(t.dataSource)) === 0, {
      message: 'the lost event applied again',
    });
    expect(await counters(t.dataSource)).toEqual({ interviewsHeld: 2, 'cases.orientation': 2 });
    const statuses = await t.dataSource.query<Array<{ status: string }>>(
      'SELECT status FROM cases WHERE id = ANY($1::uuid[])',
      [[lost, kept]],
    );
    expect(statuses.map((row) => row.status)).toEqual(['orientation', 'orientation']);
  });

  it('sums the counter shards into one row per counter for GET /api/metrics', async () => {
    await t.dataSource.query(
      `INSERT INTO metric_counter_shards (name, shard, value) VALUES ('internshipsStarted', 3, 2), ('internshipsStarted', 17, 5)`,
    );
    const metrics = await t.http().get('/api/metrics').set('Authorization', `Bearer ${t.adminToken}`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatchObject({ internshipsStarted: 7 });
  });
});
