import { Queue, Worker } from 'bullmq';
import pg from 'pg';
import { eventJobOptions, redisOptions } from '#app/core';
import type { MainContext } from './context.js';
import { type AppProcess, startWorker, until } from './environment.js';
import { cannon, elapsedMs, type LoadResult } from './measure.js';
import { type BenchRow, percent, rate } from './table.js';

const TARGET_RATIO = 0.5;
const CEILING_QUEUE = 'bench-ceiling';

/**
 * Each seeded case lives a whole journey, eight events that touch every kind of counter and move the
 * case through orientation, training, internship and placement, with one placement among them as in
 * the programme's histories (the scale data set has about one placement per ten events).
 */
const JOURNEY = [
  { type: 'case.opened', payload: `'{}'::jsonb` },
  { type: 'interview.held', payload: `'{"triage":"needs_training"}'::jsonb` },
  { type: 'enrollment.created', payload: `'{}'::jsonb` },
  {
    type: 'enrollment.ended',
    payload: `'{"enrollmentStatus":"completed","otherActiveEnrollments":0}'::jsonb`,
  },
  { type: 'internship.started', payload: `'{}'::jsonb` },
  { type: 'internship.ended', payload: `'{"endedWithPlacement":true}'::jsonb` },
  {
    type: 'placement.recorded',
    payload: `jsonb_build_object('placementId', gen_random_uuid(), 'beneficiaryId', c.beneficiary_id)`,
  },
  { type: 'followup.recorded', payload: `'{"monthsAfterPlacement":3}'::jsonb` },
];

/**
 * The raw ceiling: an empty BullMQ processor doing one PostgreSQL UPDATE per job (a row of its own, as
 * the engine writes a case of its own), at the engine's concurrency, jobs queued beforehand.
 */
class Ceiling {
  private readonly connection;
  private readonly queue: Queue<{ row: number }>;
  private readonly pool: pg.Pool;

  constructor(
    private readonly context: MainContext,
    private readonly jobs: number,
  ) {
    this.connection = redisOptions(context.deployment.redisUrl);
    this.queue = new Queue(CEILING_QUEUE, {
      connection: this.connection,
      prefix: context.deployment.queuePrefix,
    });
    this.pool = new pg.Pool({ connectionString: context.database.url, max: context.size.engine.concurrency });
  }

  async prepare(): Promise<void> {
    await this.pool.query(
      `CREATE TABLE bench_ceiling (id integer PRIMARY KEY, n integer NOT NULL DEFAULT 0)`,
    );
    await this.pool.query(`INSERT INTO bench_ceiling (id) SELECT generate_series(1, $1)`, [this.jobs]);
  }

  /** Jobs per second of one round. */
  async measure(round: number): Promise<{ jobs: number; seconds: number }> {
    for (let from = 1; from <= this.jobs; from += 1000) {
      const rows = Array.from({ length: Math.min(1000, this.jobs - from + 1) }, (_, index) => from + index);
      await this.queue.addBulk(
        rows.map((row) => ({
          name: 'update',
          data: { row },
          opts: eventJobOptions(`ceiling-${round}-${row}`),
        })),
      );
    }
    let completed = 0;
    let begun = 0n;
    return new Promise((resolve, reject) => {
      const worker = new Worker<{ row: number }>(
        CEILING_QUEUE,
        async (job) => {
          await this.pool.query('UPDATE bench_ceiling SET n = n + 1 WHERE id = $1', [job.data.row]);
        },
        {
          connection: this.connection,
          prefix: this.context.deployment.queuePrefix,
          concurrency: this.context.size.engine.concurrency,
          autorun: false,
        },
      );
      worker.on('completed', () => {
        if (++completed === this.jobs) {
          const seconds = elapsedMs(begun) / 1000;
          worker.close().then(() => resolve({ jobs: this.jobs, seconds }), reject);
        }
      });
      worker.on('failed', (_job, error) => reject(error));
      begun = process.hrtime.bigint();
      worker.run().catch(reject);
    });
  }

  async close(): Promise<void> {
    await this.queue.obliterate({ force: true });
    await this.queue.close();
    await this.pool.query('DROP TABLE IF EXISTS bench_ceiling');
    await this.pool.end();
  }
}

/**
 * Whether every event is applied. Polled every 20 ms while the engine runs, so it reads the first entry
 * of the outbox's own index rather than counting: a count planned on statistics taken while thousands
 * of events were pending read the whole table at every poll (docs/DECISIONS.md).
 */
async function allApplied(context: MainContext): Promise<boolean> {
  const { rows } = await context.db.query(
    'SELECT sequence FROM case_events WHERE applied_at IS NULL ORDER BY sequence LIMIT 1',
  );
  return rows.length === 0;
}

async function counter(context: MainContext, name: string): Promise<number> {
  const { rows } = await context.db.query<{ value: string }>(
    'SELECT coalesce(sum(value), 0) AS value FROM metric_counters WHERE name = $1',
    [name],
  );
  return Number(rows[0].value);
}

/** People and their cases in intake, written as the API would (case.opened events are added separately). */
async function seedCases(context: MainContext, count: number, tag: string): Promise<string[]> {
  const { rows } = await context.db.query<{ id: string }>(
    `WITH people AS (
       INSERT INTO beneficiaries (first_name, last_name, fiscal_code, privacy_consent_at)
       SELECT 'Bench', 'Person ' || i, $2 || lpad(i::text, 16 - length($2), '0'), now()
       FROM generate_series(1, $1) i
       RETURNING id)
     INSERT INTO cases (beneficiary_id, counsellor_id, opened_at, last_activity_at)
     SELECT id, $3, now(), now() FROM people
     RETURNING id`,
    [count, tag, context.counsellor.userId],
  );
  return rows.map((row) => row.id);
}

async function waitUntilApplied(context: MainContext, timeout: number, what: string): Promise<void> {
  await until(() => allApplied(context), { timeout, interval: 20, what });
}

/** Outbox rows written with SQL in one transaction; timed from their commit to the last one applied. */
async function measureOutboxPath(
  context: MainContext,
  cases: number,
  round: number,
): Promise<{ events: number; seconds: number }> {
  const caseIds = await seedCases(context, cases, `B${round}`);
  const before = await counter(context, 'placements');
  const client = await context.db.connect();
  let begun: bigint;
  try {
    await client.query('BEGIN');
    for (const [step, event] of JOURNEY.entries()) {
      // Step by step across all cases, so each job finds one pending event of its case, not four.
      await client.query(
        `INSERT INTO case_events (case_id, type, payload, occurred_at)
         SELECT c.id, $2, ${event.payload}, now() + $3 * interval '1 second'
         FROM cases c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`,
        [caseIds, event.type, step],
      );
    }
    // Statistics, as autovacuum keeps them on any database (this machine's PostgreSQL runs without it).
    // Without them the worker's first connection keeps the plans it made on the nearly empty tables of
    // its start, for itself and for the read model's triggers: sequential scans of the whole outbox and
    // of `cases` at every event on one connection in ten (docs/DECISIONS.md). Committed with the rows,
    // so every session plans again before the first of them is applied; not part of the timing.
    await client.query('ANALYZE');
    await client.query(`SELECT pg_notify('case_events', '')`);
    await client.query('COMMIT');
    begun = process.hrtime.bigint();
  } finally {
    client.release();
  }
  await waitUntilApplied(context, 300_000, `${cases * JOURNEY.length} events to be applied`);
  const seconds = elapsedMs(begun) / 1000;
  const placed = (await counter(context, 'placements')) - before;
  if (placed !== cases) throw new Error(`bench: engine counted ${placed} placements for ${cases} cases`);
  return { events: cases * JOURNEY.length, seconds };
}

/** Interviews scheduled for cases of their own, each case with its `case.opened` event in the outbox. */
async function seedInterviews(context: MainContext, count: number, tag: string): Promise<string[]> {
  const caseIds = await seedCases(context, count, tag);
  const { rows } = await context.db.query<{ id: string }>(
    `WITH opened AS (
       INSERT INTO case_events (case_id, type, occurred_at) SELECT id, 'case.opened', now() FROM unnest($1::uuid[]) id)
     INSERT INTO interviews (case_id, scheduled_at, created_by_id)
     SELECT id, now() - interval '1 hour', $2 FROM unnest($1::uuid[]) id
     RETURNING id`,
    [caseIds, context.counsellor.userId],
  );
  return rows.map((row) => row.id);
}

/** `PATCH /api/interviews/:id` with `heldAt`, once for each interview, on the engine's concurrency. */
async function holdInterviews(context: MainContext, interviewIds: string[]): Promise<LoadResult> {
  let next = 0;
  const writes = await cannon(
    context.counsellor,
    {
      method: 'PATCH',
      path: () => `/api/interviews/${interviewIds[next++ % interviewIds.length]}`,
      body: JSON.stringify({
        heldAt: new Date(Date.now() - 60_000).toISOString(),
        triage: 'ready_for_placement',
      }),
    },
    { connections: context.size.engine.concurrency, amount: interviewIds.length },
  );
  if (writes.failures) throw new Error(`bench: ${writes.failures} of the HTTP writes failed`);
  return writes;
}

/**
 * The same writes as the HTTP path's, before any worker runs: what the API and PostgreSQL take to
 * record the events alone, the most the HTTP path could reach with an engine that cost nothing. The
 * worker, started next, applies them first.
 */
async function measureHttpWrites(context: MainContext): Promise<{ writes: number; rate: number }> {
  const { httpEvents, concurrency } = context.size.engine;
  const interviewIds = await seedInterviews(context, httpEvents, 'BA');
  // autocannon needs a request for each of its connections.
  const warmUp = Math.max(concurrency, Math.ceil(httpEvents / 10));
  // Statistics, as before each engine round.
  await context.db.query('ANALYZE');
  // The API's first writes of this kind prepare their statements and warm up the JIT: not measured.
  await holdInterviews(context, interviewIds.slice(0, warmUp));
  const measured = interviewIds.slice(warmUp);
  return { writes: measured.length, rate: (await holdInterviews(context, measured)).rate };
}

/**
 * Interviews marked held through the API while the worker runs: from the first request to the last
 * event applied, so the figure includes HTTP, validation, the write transaction and the relay's wake-up.
 */
async function measureHttpPath(
  context: MainContext,
): Promise<{ eventsPerSecond: number; writesPerSecond: number }> {
  const { httpEvents } = context.size.engine;
  const interviewIds = await seedInterviews(context, httpEvents, 'BH');
  await context.db.query(`SELECT pg_notify('case_events', '')`);
  await waitUntilApplied(context, 120_000, 'the opened cases of the HTTP run');
  // As before each engine round: the statistics autovacuum would have taken by now, not those of the
  // last round's start, when its events were all pending.
  await context.db.query('ANALYZE');
  const heldBefore = await counter(context, 'interviewsHeld');
  const begun = Date.now();
  const writes = await holdInterviews(context, interviewIds);
  await waitUntilApplied(context, 120_000, 'the interviews held through HTTP to be applied');
  const held = (await counter(context, 'interviewsHeld')) - heldBefore;
  if (held !== httpEvents)
    throw new Error(`bench: engine counted ${held} interviews for ${httpEvents} requests`);
  // Timed to the last event's application as the engine recorded it (same machine, same clock), not
  // to the poll that noticed it.
  const { rows: applied } = await context.db.query<{ last: Date }>(
    `SELECT max(e.applied_at) AS last FROM case_events e JOIN interviews i ON i.case_id = e.case_id
     WHERE i.id = ANY($1::uuid[]) AND e.type = 'interview.held'`,
    [interviewIds],
  );
  const seconds = (applied[0].last.getTime() - begun) / 1000;
  return { eventsPerSecond: httpEvents / seconds, writesPerSecond: writes.rate };
}

/**
 * Benchmark 1: events per second through the engine against the raw BullMQ + PostgreSQL ceiling. The
 * two are measured in alternating rounds, so a change in the machine's load during the run weighs on
 * both alike; each figure is its total over the rounds.
 */
export async function engineThroughput(context: MainContext): Promise<BenchRow[]> {
  const { cases, httpEvents, concurrency, rounds } = context.size.engine;
  const casesPerRound = Math.ceil(cases / rounds);
  const events = casesPerRound * rounds * JOURNEY.length;
  const ceiling = new Ceiling(context, casesPerRound * JOURNEY.length);
  let worker: AppProcess | undefined;
  try {
    await ceiling.prepare();
    context.log(`engine: ${httpEvents} interviews held through HTTP, no worker running`);
    const writesAlone = await measureHttpWrites(context);
    const started = startWorker(context.deployment, { WORKER_CONCURRENCY: String(concurrency) });
    worker = started;
    // The worker is ready once it has applied an event: its relay listens and its BullMQ worker runs.
    const [probe] = await seedCases(context, 1, 'BW');
    await context.db.query(`INSERT INTO case_events (case_id, type) VALUES ($1, 'case.opened')`, [probe]);
    await context.db.query(`SELECT pg_notify('case_events', '')`);
    await until(
      async () => {
        if (started.exited) throw new Error(started.describeExit());
        return allApplied(context);
      },
      { timeout: 60_000, interval: 50, what: 'the worker to start' },
    );
    const totals = { jobs: 0, ceilingSeconds: 0, events: 0, engineSeconds: 0 };
    for (let round = 1; round <= rounds; round++) {
      context.log(
        `engine: round ${round}/${rounds}, ceiling then ${casesPerRound * JOURNEY.length} outbox events`,
      );
      const raw = await ceiling.measure(round);
      totals.jobs += raw.jobs;
      totals.ceilingSeconds += raw.seconds;
      const engine = await measureOutboxPath(context, casesPerRound, round);
      totals.events += engine.events;
      totals.engineSeconds += engine.seconds;
    }
    const ceilingRate = totals.jobs / totals.ceilingSeconds;
    const outbox = totals.events / totals.engineSeconds;
    context.log(`engine: ${httpEvents} interviews held through HTTP`);
    const http = await measureHttpPath(context);
    const baseline = `ceiling ${rate(ceilingRate, 'jobs/s')} (empty BullMQ processor, 1 UPDATE/job, concurrency ${concurrency})`;
    return [
      {
        id: 'engine.outbox',
        benchmark: 'Engine throughput',
        measure: `outbox -> BullMQ -> state, timeline, counters: ${events} events (journeys of ${JOURNEY.length}) inserted with SQL, 1 worker process, concurrency ${concurrency}, ${rounds} rounds alternating with the ceiling`,
        value: rate(outbox, 'events/s'),
        baseline,
        ratio: percent(outbox / ceilingRate),
        target: `>= ${percent(TARGET_RATIO)} of ceiling`,
        met: outbox / ceilingRate >= TARGET_RATIO,
      },
      {
        id: 'engine.http-writes',
        benchmark: 'Engine throughput',
        measure: `HTTP writes alone: ${writesAlone.writes} PATCH /api/interviews/:id (heldAt) from autocannon, ${concurrency} connections, before any worker runs (the most the HTTP path could reach)`,
        value: rate(writesAlone.rate, 'req/s'),
        baseline,
        ratio: percent(writesAlone.rate / ceilingRate),
        target: '-',
        met: null,
      },
      {
        id: 'engine.http',
        benchmark: 'Engine throughput',
        measure: `HTTP -> applied: ${httpEvents} PATCH /api/interviews/:id (heldAt) from autocannon, ${concurrency} connections, same worker (the writes were answered at ${rate(http.writesPerSecond, 'req/s')})`,
        value: rate(http.eventsPerSecond, 'events/s'),
        baseline,
        ratio: percent(http.eventsPerSecond / ceilingRate),
        target: `>= ${percent(TARGET_RATIO)} of ceiling`,
        met: http.eventsPerSecond / ceilingRate >= TARGET_RATIO,
      },
    ];
  } finally {
    await ceiling.close();
    await worker?.stop();
  }
}
