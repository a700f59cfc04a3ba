import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import {
  AppConfig,
  type ApplyEventsJobData,
  eventJobOptions,
  type PublishedEvent,
  WorkflowJob,
} from '#app/core';
import { packEvents } from './event-jobs.js';
import { OUTBOX_CHANNEL } from './outbox-waker.service.js';

const BATCH_SIZE = 500;

export const RELAY_QUEUE = Symbol('RELAY_QUEUE');

/** An outbox row as the relay claims it. */
export interface OutboxRow {
  id: string;
  case_id: string;
  sequence: string;
  type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/** An outbox row as a job carries it to the engine. */
export function publishedEvent(row: OutboxRow): PublishedEvent {
  return {
    eventId: row.id,
    caseId: row.case_id,
    sequence: row.sequence,
    type: row.type,
    payload: row.payload,
    occurredAt: row.occurred_at.toISOString(),
  };
}

function applyEventsJob(events: PublishedEvent[]) {
  return { name: WorkflowJob.APPLY_EVENTS, data: { events }, opts: eventJobOptions(events[0].eventId) };
}

/**
 * Hands outbox events to BullMQ. Publishing is not completion: an event stays "unapplied" until the
 * engine marks it, and one still unapplied long after its publication is published again, which
 * covers a Redis that restarted empty. A job carries the events of one or more cases (`packEvents`)
 * and its id is its first event's, so a republish of a job that still exists changes nothing. Safe
 * to run in every worker replica (rows are claimed with SKIP LOCKED).
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  /** A pass that published holds the next one back until then (RELAY_GATHER_MS). */
  private nextPassAt = 0;
  private held: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastFailureLoggedAt = 0;
  private lastRepublishScanAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RELAY_QUEUE) private readonly queue: Queue<ApplyEventsJobData>,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.timer = setInterval(() => this.wake(), this.config.values.RELAY_INTERVAL_MS);
    await this.listen();
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.held) clearTimeout(this.held);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /**
   * Runs a relay pass now, right after the one in progress, or, after a pass that published, once
   * RELAY_GATHER_MS have passed since that one began: under a stream of writes the events committed
   * meanwhile then go out together, in fewer jobs, and a lone event still goes out at once.
   */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    const wait = this.nextPassAt - Date.now();
    if (wait > 0) {
      this.held ??= setTimeout(() => {
        this.held = null;
        this.wake();
      }, wait);
      return;
    }
    const begun = Date.now();
    this.running = this.drain()
      .then((published) => {
        if (published) this.nextPassAt = begun + this.config.values.RELAY_GATHER_MS;
      })
      .finally(() => {
        this.running = null;
        if (this.wakeRequested) {
          this.wakeRequested = false;
          this.wake();
        }
      });
  }

  /**
   * Publishes until the outbox has nothing fresh, then, at most once per RELAY_INTERVAL_MS, republishes
   * what was published long ago and is still unapplied; returns how many events it published when done
   * or when Redis refuses.
   */
  async drain(): Promise<number> {
    let published = 0;
    try {
      published += await this.untilExhausted(() => this.publishBatch());
      if (Date.now() - this.lastRepublishScanAt >= this.config.values.RELAY_INTERVAL_MS) {
        this.lastRepublishScanAt = Date.now();
        published += await this.untilExhausted(() => this.republishBatch());
      }
    } catch (error) {
      // Redis down: the events stay in PostgreSQL and the next pass tries again.
      if (Date.now() - this.lastFailureLoggedAt > 10_000) {
        this.lastFailureLoggedAt = Date.now();
        this.logger.warn({ err: error }, 'outbox relay could not publish; will retry');
      }
    }
    return published;
  }

  private async untilExhausted(batch: () => Promise<number>): Promise<number> {
    let done = 0;
    for (;;) {
      if (this.stopped) return done;
      const count = await batch();
      done += count;
      if (count < BATCH_SIZE) return done;
    }
  }

  /**
   * Claims a batch of events never published (through the outbox's index of those alone, so the events
   * queued in BullMQ and not yet applied are not read again at every pass) and marks them published in
   * the same statement, then hands them to BullMQ. Marking first holds no row lock while Redis is
   * called and takes one round trip instead of a transaction of four, which matters because a pass runs
   * for nearly every API write. If Redis refuses, the events are unmarked for the next pass; if the
   * process dies in between, they are published again once RELAY_REPUBLISH_AFTER_MS has passed, like
   * events Redis lost.
   */
  async publishBatch(): Promise<number> {
    const rows = await this.claim('published_at IS NULL', []);
    if (!rows.length) return 0;
    try {
      const jobs = packEvents(rows.map(publishedEvent), this.config.values.WORKER_CONCURRENCY);
      await this.queue.addBulk(jobs.map(applyEventsJob));
    } catch (error) {
      await this.dataSource
        .query(
          'UPDATE case_events SET published_at = NULL WHERE id = ANY($1::uuid[]) AND applied_at IS NULL',
          [rows.map((row) => row.id)],
        )
        .catch(() => undefined);
      throw error;
    }
    return rows.length;
  }

  /**
   * Claims a batch of events published RELAY_REPUBLISH_AFTER_MS ago or more and still unapplied, and
   * republishes each.
   */
  async republishBatch(): Promise<number> {
    const rows = await this.claim(
      'published_at < now() - make_interval(secs => $2::double precision / 1000)',
      [this.config.values.RELAY_REPUBLISH_AFTER_MS],
    );
    for (const row of rows) await this.republish(row);
    return rows.length;
  }

  /**
   * Marks the first unapplied events that match `condition` as published now, in sequence order,
   * skipping rows another relay holds, and answers them. The claimed rows are marked by primary key:
   * joined to the claim, they were found by hashing the whole table, read again at every pass.
   */
  private async claim(condition: string, parameters: unknown[]): Promise<OutboxRow[]> {
    const rows = await this.dataSource.query<OutboxRow[]>(
      `WITH due AS (
         SELECT id, case_id, sequence, type, payload, occurred_at FROM case_events
         WHERE applied_at IS NULL AND ${condition}
         ORDER BY sequence
         LIMIT $1
         FOR UPDATE SKIP LOCKED
       ), published AS (
         UPDATE case_events SET published_at = now() WHERE id = ANY (ARRAY(SELECT id FROM due))
         RETURNING id)
       SELECT due.* FROM due JOIN published USING (id)`,
      [BATCH_SIZE, ...parameters],
    );
    return rows.sort((a, b) => Number(a.sequence) - Number(b.sequence));
  }

  /**
   * A job that exhausted its attempts is retried; one that Redis lost is added again, for this event
   * alone; one that completed although its event is still unapplied is run again: the engine commits
   * asynchronously, so a PostgreSQL crash can lose a transaction whose job had already completed. An
   * event that was not first in its job finds no job under its own id and is published alone.
   */
  private async republish(row: OutboxRow): Promise<void> {
    const job = await this.queue.getJob(row.id);
    if (!job) {
      const { name, data, opts } = applyEventsJob([publishedEvent(row)]);
      await this.queue.add(name, data, opts);
      return;
    }
    const state = await job.getState();
    if (state === 'failed' || state === 'completed') await job.retry(state);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.databaseUrl });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      // Polling still runs; notifications only cut latency.
      this.logger.warn({ err: error }, 'outbox listener lost its connection');
      this.listener = null;
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }
}
