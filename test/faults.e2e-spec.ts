import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, type ApplyEventsJobData, QueueName, queueConnection, Role } from '#app/core';
import { OutboxRelayService, WorkflowEngineService } from '#app/cases';
import { MilestonesService } from '#app/metrics';
import { beneficiaryBody } from './support/fixtures.js';
import { startRedis, startWorker, type ThrowawayRedis, type WorkerProcess } from './support/processes.js';
import {
  counters,
  INTERVIEW_HELD,
  OPENED_AND_HELD,
  publishedEvents,
  seedCasesWithEvents,
  unappliedEvents,
} from './support/seed-events.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

/** The timeline of a case opened, interviewed, enrolled in a course and put on hold, as applied. */
const ON_HOLD_IN_TRAINING = [
  { type: 'case.opened', from_state: 'intake', to_state: null },
  { type: 'interview.held', from_state: 'intake', to_state: 'orientation' },
  { type: 'enrollment.created', from_state: 'orientation', to_state: 'training' },
  { type: 'manual.on_hold', from_state: 'training', to_state: 'on_hold' },
];

/**
 * What sessions that ended (or reported) have read of `case_events` so far: index entries, and rows
 * (read by sequential scans or fetched through an index).
 */
async function outboxReads(t: TestApp): Promise<{ entries: number; rows: number }> {
  await t.dataSource.query('SELECT pg_stat_clear_snapshot()');
  const [row] = await t.dataSource.query<Array<{ entries: string; rows: string }>>(
    `SELECT (SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes WHERE relname = 'case_events') AS entries,
       (SELECT seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE relname = 'case_events') AS rows`,
  );
  return { entries: Number(row.entries), rows: Number(row.rows) };
}

/** Waits until the sessions named `applicationName` have ended, and so reported what they read. */
async function sessionsEnded(t: TestApp, applicationName: string): Promise<void> {
  await waitFor(
    async () =>
      Number(
        (
          await t.dataSource.query<Array<{ count: string }>>(
            'SELECT count(*) FROM pg_stat_activity WHERE application_name = $1',
            [applicationName],
          )
        )[0].count,
      ) === 0,
    { message: `the sessions of ${applicationName} to end` },
  );
}

async function timeline(t: TestApp, caseId: string): Promise<unknown[]> {
  return t.dataSource.query(
    'SELECT type, from_state, to_state FROM case_events WHERE case_id = $1 ORDER BY sequence',
    [caseId],
  );
}

describe('faults: Redis lost, workers killed, events duplicated or out of order', () => {
  describe('Redis stopped during writes and restarted empty', () => {
    let redis: ThrowawayRedis;
    let t: TestApp;
    let counsellor: TestUser;

    beforeAll(async () => {
      redis = await startRedis();
      t = await createTestApp({
        env: { REDIS_URL: redis.url, RELAY_INTERVAL_MS: '100', RELAY_REPUBLISH_AFTER_MS: '1500' },
      });
      counsellor = await t.userToken(Role.COUNSELLOR);
    });

    afterAll(async () => {
      await t.close();
      await redis.kill();
    });

    async function intakeAndInterview(): Promise<string> {
      const auth = { Authorization: `Bearer ${counsellor.token}` };
      const person = await t
        .http()
        .post('/api/beneficiaries')
        .set(auth)
        .timeout(5000)
        .send(beneficiaryBody());
      expect(person.status).toBe(201);
      const opened = await t
        .http()
        .post('/api/cases')
        .set(auth)
        .timeout(5000)
        .send({ beneficiaryId: person.body.id });
      expect(opened.status).toBe(201);
      const interview = await t
        .http()
        .post(`/api/cases/${opened.body.id}/interviews`)
        .set(auth)
        .timeout(5000)
        .send({ scheduledAt: '2026-02-01T09:00:00Z' });
      const held = await t
        .http()
        .patch(`/api/interviews/${interview.body.id}`)
        .set(auth)
        .timeout(5000)
        .send({ heldAt: '2026-02-01T09:30:00Z', triage: 'needs_training' });
      expect(held.status).toBe(200);
      return opened.body.id as string;
    }

    it('keeps accepting writes, then applies every event exactly once when Redis is back', async () => {
      const before = await Promise.all([1, 2, 3, 4, 5].map(() => intakeAndInterview()));
      await waitFor(async () => (await unappliedEvents(t.dataSource)) === 0, {
        message: 'events before the fault applied',
      });

      // Events that are queued but not yet applied when Redis dies die with it.
      await seedCasesWithEvents(t.dataSource, {
        count: 200,
        counsellorId: counsellor.user.id,
        tag: 'REDIS',
        events: OPENED_AND_HELD,
      });
      await redis.kill();

      const during = [];
      for (let i = 0; i < 5; i++) during.push(await intakeAndInterview());
      expect(await unappliedEvents(t.dataSource)).toBeGreaterThan(0);
      const health = await t.http().get('/health');
      expect(health.status).toBe(503);

      await redis.restart();
      await waitFor(async () => (await unappliedEvents(t.dataSource)) === 0, {
        timeout: 60_000,
        message: 'catch-up after Redis',
      });

      expect(await counters(t.dataSource)).toEqual({ interviewsHeld: 210, 'cases.orientation': 210 });
      for (const caseId of [...before, ...during]) {
        const found = await t
          .http()
          .get(`/api/cases/${caseId}`)
          .set('Authorization', `Bearer ${counsellor.token}`);
        expect(found.body.status).toBe('orientation');
      }
    });
  });

  describe('worker processes killed and raced', () => {
    let redis: ThrowawayRedis;
    let t: TestApp;
    let counsellor: TestUser;
    let workers: WorkerProcess[] = [];

    const workerEnv = (extra: Record<string, string> = {}) => ({
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: t.queuePrefix,
      WORKER_CONCURRENCY: '10',
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      RELAY_INTERVAL_MS: '100',
      RELAY_REPUBLISH_AFTER_MS: '5000',
      MILESTONE_THRESHOLDS: '50,100,150',
      ...extra,
    });

    beforeAll(async () => {
      redis = await startRedis();
      t = await createTestApp({
        worker: false,
        env: { REDIS_URL: redis.url, MILESTONE_THRESHOLDS: '50,100,150' },
      });
      counsellor = await t.userToken(Role.COUNSELLOR);
    });

    afterEach(async () => {
      await Promise.all(workers.map((worker) => worker.kill()));
      workers = [];
    });

    afterAll(async () => {
      await t.close();
      await redis.kill();
    });

    it('loses nothing and double-counts nothing when a worker is SIGKILLed mid-stream', async () => {
      const caseIds = await seedCasesWithEvents(t.dataSource, {
        count: 1000,
        counsellorId: counsellor.user.id,
        tag: 'KILL',
        events: [
          { type: 'case.opened' },
          INTERVIEW_HELD,
          { type: 'manual.on_hold' },
          { type: 'manual.resume' },
        ],
      });
      const total = caseIds.length * 4;
      workers.push(startWorker(workerEnv()));
      await waitFor(async () => (await unappliedEvents(t.dataSource)) < total * 0.8, {
        timeout: 60_000,
        message: 'some progress',
      });
      await workers[0].kill('SIGKILL');
      const leftAtKill = await unappliedEvents(t.dataSource);
      expect(leftAtKill).toBeGreaterThan(0);

      workers.push(startWorker(workerEnv()), startWorker(workerEnv()));
      await waitFor(async () => (await unappliedEvents(t.dataSource)) === 0, {
        timeout: 120_000,
        message: 'all events applied',
      });

      const counted = await counters(t.dataSource);
      expect(counted).toEqual({ interviewsHeld: 1000, 'cases.orientation': 1000 });
      const [states] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'orientation' AND status_before_hold IS NULL) AS resumed, count(*) AS total
         FROM cases WHERE id = ANY($1::uuid[])`,
        [caseIds],
      );
      expect(Number(states.resumed)).toBe(1000);
      // Every case's timeline is exactly the sequential result: each event moved the case once, in order.
      const [timeline] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE type = 'interview.held' AND from_state = 'intake' AND to_state = 'orientation') AS held,
                count(*) FILTER (WHERE type = 'manual.on_hold' AND from_state = 'orientation' AND to_state = 'on_hold') AS held_on,
                count(*) FILTER (WHERE type = 'manual.resume' AND from_state = 'on_hold' AND to_state = 'orientation') AS resumed
         FROM case_events WHERE case_id = ANY($1::uuid[])`,
        [caseIds],
      );
      expect(timeline).toEqual({ held: '1000', held_on: '1000', resumed: '1000' });
    });

    it('records each milestone exactly once when two workers race across the thresholds', async () => {
      const caseIds = await seedCasesWithEvents(t.dataSource, {
        count: 160,
        counsellorId: counsellor.user.id,
        tag: 'MILE',
        events: [{ type: 'case.opened' }, { type: 'placement.recorded', payload: { kind: 'new' } }],
      });
      workers.push(startWorker(workerEnv()), startWorker(workerEnv()));
      await waitFor(async () => (await unappliedEvents(t.dataSource)) === 0, {
        timeout: 60_000,
        message: 'placements applied',
      });

      const counted = await counters(t.dataSource);
      expect(counted.placements).toBe(160);
      expect(counted.peoplePlaced).toBe(160);
      const milestones = await t.dataSource.query<Array<{ threshold: number; case_event_id: string }>>(
        `SELECT threshold, case_event_id FROM milestones WHERE metric = 'placements' ORDER BY threshold`,
      );
      expect(milestones.map((row) => row.threshold)).toEqual([50, 100, 150]);
      // The event that crossed each threshold is the one whose increment reached it.
      const crossing = await t.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM case_events WHERE type = 'placement.recorded' AND case_id = ANY($1::uuid[]) ORDER BY applied_at, sequence`,
        [caseIds],
      );
      expect(crossing.length).toBe(160);
      expect(new Set(milestones.map((row) => row.case_event_id)).size).toBe(3);
    });
  });

  describe('duplicated and out-of-order delivery', () => {
    let t: TestApp;
    let counsellor: TestUser;

    beforeAll(async () => {
      t = await createTestApp({ worker: false });
      counsellor = await t.userToken(Role.COUNSELLOR);
    });

    afterAll(async () => {
      await t.close();
    });

    it('applies earlier events first when a later one is delivered first, and ignores redeliveries', async () => {
      const [caseId] = await seedCasesWithEvents(t.dataSource, {
        count: 1,
        counsellorId: counsellor.user.id,
        tag: 'ORDER',
        events: [
          { type: 'case.opened' },
          INTERVIEW_HELD,
          { type: 'enrollment.created' },
          { type: 'manual.on_hold' },
        ],
      });
      const events = await t.dataSource.query<Array<{ id: string; type: string }>>(
        'SELECT id, type FROM case_events WHERE case_id = $1 ORDER BY sequence',
        [caseId],
      );
      const engine = t.app.get(WorkflowEngineService);

      expect(await engine.applyEvent(events[2].id)).toEqual({ applied: 3 });
      expect(await engine.applyEvent(events[0].id)).toEqual({ applied: 0 });
      expect(await engine.applyEvent(events[1].id)).toEqual({ applied: 0 });
      expect(await engine.applyEvent(events[2].id)).toEqual({ applied: 0 });
      expect(await engine.applyEvent(events[3].id)).toEqual({ applied: 1 });
      expect(await engine.applyEvent(events[3].id)).toEqual({ applied: 0 });

      expect(await timeline(t, caseId)).toEqual(ON_HOLD_IN_TRAINING);
      expect(await counters(t.dataSource)).toEqual({ interviewsHeld: 1, 'cases.on_hold': 1 });
    });

    it('applies the same event delivered concurrently once', async () => {
      const [caseId] = await seedCasesWithEvents(t.dataSource, {
        count: 1,
        counsellorId: counsellor.user.id,
        tag: 'TWICE',
        events: OPENED_AND_HELD,
      });
      const [, held] = await t.dataSource.query<Array<{ id: string }>>(
        'SELECT id FROM case_events WHERE case_id = $1 ORDER BY sequence',
        [caseId],
      );
      const engine = t.app.get(WorkflowEngineService);
      const results = await Promise.all(Array.from({ length: 8 }, () => engine.applyEvent(held.id)));
      expect(results.reduce((sum, result) => sum + result.applied, 0)).toBe(2);
      expect((await counters(t.dataSource)).interviewsHeld).toBe(2);
    });

    it('counts a placement delivered concurrently once', async () => {
      const [caseId] = await seedCasesWithEvents(t.dataSource, {
        count: 1,
        counsellorId: counsellor.user.id,
        tag: 'PLACED',
        events: [{ type: 'case.opened' }, { type: 'placement.recorded', payload: { kind: 'new' } }],
      });
      const [opened, placed] = await t.dataSource.query<Array<{ id: string }>>(
        'SELECT id FROM case_events WHERE case_id = $1 ORDER BY sequence',
        [caseId],
      );
      const engine = t.app.get(WorkflowEngineService);
      expect(await engine.applyEvent(opened.id)).toEqual({ applied: 1 });
      const before = await counters(t.dataSource);
      const results = await Promise.all(Array.from({ length: 8 }, () => engine.applyEvent(placed.id)));
      expect(results.reduce((sum, result) => sum + result.applied, 0)).toBe(1);
      const after = await counters(t.dataSource);
      expect((after.placements ?? 0) - (before.placements ?? 0)).toBe(1);
      expect((after.peoplePlaced ?? 0) - (before.peoplePlaced ?? 0)).toBe(1);
    });

    it('applies the next event of a case it remembers in order, once, and as the case now is', async () => {
      const [caseId] = await seedCasesWithEvents(t.dataSource, {
        count: 1,
        counsellorId: counsellor.user.id,
        tag: 'KNOWN',
        events: [
          { type: 'case.opened' },
          INTERVIEW_HELD,
          { type: 'enrollment.created' },
          { type: 'manual.on_hold' },
          { type: 'manual.resume' },
        ],
      });
      // As the relay publishes them: the event travels with the job.
      const jobs = await publishedEvents(t.dataSource, [caseId]);
      const engine = t.app.get(WorkflowEngineService);
      const heldBefore = (await counters(t.dataSource)).interviewsHeld ?? 0;

      expect(await engine.applyEvents([jobs[0]])).toEqual({ applied: 1 });
      // Delivered before the interview: both, in order.
      expect(await engine.applyEvents([jobs[2]])).toEqual({ applied: 2 });
      // Delivered again: nothing.
      expect(await engine.applyEvents([jobs[2]])).toEqual({ applied: 0 });
      expect(await engine.applyEvents([jobs[1]])).toEqual({ applied: 0 });
      // Put on hold meanwhile by another worker process: what this one remembers is stale.
      const otherWorker = new WorkflowEngineService(t.app.get(AppConfig), t.app.get(MilestonesService));
      try {
        expect(await otherWorker.applyEvent(jobs[3].eventId)).toEqual({ applied: 1 });
      } finally {
        await otherWorker.onApplicationShutdown();
      }
      expect(await engine.applyEvents([jobs[4]])).toEqual({ applied: 1 });

      expect(await timeline(t, caseId)).toEqual([
        ...ON_HOLD_IN_TRAINING,
        { type: 'manual.resume', from_state: 'on_hold', to_state: 'training' },
      ]);
      expect((await counters(t.dataSource)).interviewsHeld).toBe(heldBefore + 1);
    });

    it('applies a job of several cases, each in order, whether it remembers the case or not', async () => {
      const [remembered, unknown, partial] = await seedCasesWithEvents(t.dataSource, {
        count: 3,
        counsellorId: counsellor.user.id,
        tag: 'SHARED',
        events: [...OPENED_AND_HELD, { type: 'enrollment.created' }],
      });
      const events = await publishedEvents(t.dataSource, [remembered, unknown, partial]);
      const ofCase = (caseId: string) => events.filter((event) => event.caseId === caseId);
      const engine = t.app.get(WorkflowEngineService);
      const heldBefore = (await counters(t.dataSource)).interviewsHeld ?? 0;
      expect(await engine.applyEvents(ofCase(remembered).slice(0, 1))).toEqual({ applied: 1 });

      // The job leaves out the first event of `partial`, published in another job: it is applied first.
      const job = [...ofCase(remembered).slice(1), ...ofCase(unknown), ...ofCase(partial).slice(1)];
      expect(await engine.applyEvents(job)).toEqual({ applied: 8 });
      expect(await engine.applyEvents(job)).toEqual({ applied: 0 });

      for (const caseId of [remembered, unknown, partial]) {
        expect(await timeline(t, caseId)).toEqual(ON_HOLD_IN_TRAINING.slice(0, 3));
      }
      expect((await counters(t.dataSource)).interviewsHeld).toBe(heldBefore + 3);
    });

    it('applies the other cases of a job when one fails, and nothing twice when the job runs again', async () => {
      const [first, last] = await seedCasesWithEvents(t.dataSource, {
        count: 2,
        counsellorId: counsellor.user.id,
        tag: 'HEALTHY',
        events: OPENED_AND_HELD,
      });
      // An event the database refuses to apply: its placement id is not a uuid.
      const [refused] = await seedCasesWithEvents(t.dataSource, {
        count: 1,
        counsellorId: counsellor.user.id,
        tag: 'REFUSED',
        events: [
          { type: 'case.opened' },
          { type: 'placement.recorded', payload: { placementId: 'not-a-uuid' } },
        ],
      });
      const events = await publishedEvents(t.dataSource, [first, refused, last]);
      const job = [first, refused, last].flatMap((caseId) =>
        events.filter((event) => event.caseId === caseId),
      );
      const engine = t.app.get(WorkflowEngineService);
      const before = await counters(t.dataSource);

      await expect(engine.applyEvents(job)).rejects.toThrow(/uuid/);
      const pending = async () =>
        t.dataSource.query<Array<{ case_id: string }>>(
          'SELECT case_id FROM case_events WHERE case_id = ANY($1::uuid[]) AND applied_at IS NULL',
          [[first, refused, last]],
        );
      expect((await pending()).map((row) => row.case_id)).toEqual([refused, refused]);
      // The job's retry.
      await expect(engine.applyEvents(job)).rejects.toThrow(/uuid/);

      const after = await counters(t.dataSource);
      expect((after.interviewsHeld ?? 0) - (before.interviewsHeld ?? 0)).toBe(2);
      expect(after.placements ?? 0).toBe(before.placements ?? 0);
      expect(await timeline(t, first)).toEqual(ON_HOLD_IN_TRAINING.slice(0, 2));
      expect(await timeline(t, last)).toEqual(ON_HOLD_IN_TRAINING.slice(0, 2));
    });

    it('applies each event reading its own case, not the whole backlog', async () => {
      // Statistics taken while nothing was pending, as autovacuum leaves a large table when a backlog
      // builds up within minutes (Redis down, a worker restarted): the outbox looks empty to the planner.
      const applied = await seedCasesWithEvents(t.dataSource, {
        count: 200,
        counsellorId: counsellor.user.id,
        tag: 'CALM',
        events: [{ type: 'case.opened' }],
      });
      await t.dataSource.query('UPDATE case_events SET applied_at = now() WHERE case_id = ANY($1::uuid[])', [
        applied,
      ]);
      await t.dataSource.query('ANALYZE');
      const backlog = 2000;
      const caseIds = await seedCasesWithEvents(t.dataSource, {
        count: backlog / 2,
        counsellorId: counsellor.user.id,
        tag: 'BACKLOG',
        events: OPENED_AND_HELD,
      });
      const events = (await publishedEvents(t.dataSource, caseIds.slice(0, 20))).sort((a, b) =>
        a.caseId.localeCompare(b.caseId),
      );
      const applicationName = 'engine-with-stale-statistics';
      const config = new AppConfig({
        ...process.env,
        DATABASE_URL: `${t.databaseUrl}?application_name=${applicationName}`,
      });
      const engine = new WorkflowEngineService(config, t.app.get(MilestonesService));
      const before = (await outboxReads(t)).entries;
      try {
        for (const [index, event] of events.entries()) {
          if (index < 20) {
            // Read path: the job carries no event, or the case is not one this worker wrote.
            if (event.type === INTERVIEW_HELD.type) await engine.applyEvent(event.eventId);
          } else {
            // Remembered path: the first event is read, the second written with one guarded statement.
            await engine.applyEvents([event]);
          }
        }
      } finally {
        await engine.onApplicationShutdown();
      }
      // A session reports what it read when it ends.
      await sessionsEnded(t, applicationName);
      const read = (await outboxReads(t)).entries - before;

      expect(await unappliedEvents(t.dataSource, caseIds)).toBe(backlog - events.length);
      // A few entries per event (the event, its case's earlier events), where scanning the backlog read
      // all of it for each event. The bound leaves room for what the test's own sessions report late.
      expect(read).toBeLessThan(backlog);
    });

    it('claims fresh events without reading those already queued in BullMQ', async () => {
      const openedAndHeld = (count: number, tag: string) =>
        seedCasesWithEvents(t.dataSource, {
          count,
          counsellorId: counsellor.user.id,
          tag,
          events: OPENED_AND_HELD,
        });
      // Everything unapplied so far is taken as published and queued: a worker slower than the API.
      const queuedCases = await openedAndHeld(1000, 'QUEUED');
      await t.dataSource.query('UPDATE case_events SET published_at = now() WHERE applied_at IS NULL');
      const backlog = await unappliedEvents(t.dataSource);
      const freshCases = await openedAndHeld(5, 'FRESH');
      await t.dataSource.query('ANALYZE case_events');
      const applicationName = 'relay-with-a-backlog';
      const dataSource = await new DataSource({
        type: 'postgres',
        url: `${t.databaseUrl}?application_name=${applicationName}`,
      }).initialize();
      const config = t.app.get(AppConfig);
      const queue = new Queue<ApplyEventsJobData>(QueueName.WORKFLOW, {
        prefix: t.queuePrefix,
        connection: queueConnection(config),
      });
      const before = (await outboxReads(t)).rows;
      try {
        const relay = new OutboxRelayService(dataSource, queue, config);
        expect(await relay.publishBatch()).toBe(10);
        expect(await relay.publishBatch()).toBe(0);
      } finally {
        await dataSource.destroy();
      }
      await sessionsEnded(t, applicationName);
      const read = (await outboxReads(t)).rows - before;
      try {
        const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
        const eventIds = jobs.flatMap((job) => job.data.events.map((event) => event.eventId));
        const [fresh] = await t.dataSource.query<Array<{ ids: string[] }>>(
          'SELECT array_agg(id ORDER BY id) AS ids FROM case_events WHERE case_id = ANY($1::uuid[])',
          [freshCases],
        );
        expect(eventIds.sort()).toEqual(fresh.ids);
      } finally {
        await queue.obliterate({ force: true });
        await queue.close();
      }
      expect(await unappliedEvents(t.dataSource, queuedCases)).toBe(2000);
      // The fresh events and their updates, where a claim through the index of unapplied events read the
      // whole backlog at every pass.
      expect(backlog).toBeGreaterThanOrEqual(2000);
      expect(read).toBeLessThan(200);
    });
  });
});
