import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { JobSchedulerTemplateOptions, Queue, RepeatOptions } from 'bullmq';
import { PROGRAMME_TIME_ZONE, QueueName, SchedulerJob, type SweepJobData } from '#app/core';
import type { SchedulerJobName } from './scheduler.processor.js';

const EARLY_MORNING = { pattern: '0 6 * * *', tz: PROGRAMME_TIME_ZONE };

/**
 * When each sweep runs: the daily ones before the counsellors' day starts in Bologna, inactivity on the
 * hour. A cron pattern rather than `every`, which starts with an immediate run: restarting a replica
 * should not be what triggers a sweep. Keyed by job name, so the compiler sees a sweep left unscheduled.
 */
export const SWEEP_SCHEDULES: Record<SchedulerJobName, Omit<RepeatOptions, 'key'>> = {
  [SchedulerJob.SWEEP_FOLLOW_UPS_DUE]: EARLY_MORNING,
  [SchedulerJob.SWEEP_FOLLOW_UPS_OVERDUE]: EARLY_MORNING,
  [SchedulerJob.SWEEP_INTERNSHIPS_ENDING]: EARLY_MORNING,
  [SchedulerJob.SWEEP_INACTIVE_CASES]: { pattern: '0 * * * *', tz: PROGRAMME_TIME_ZONE },
};

/** A failed sweep is retried a few times; it is idempotent, so a retry after a partial run is safe. */
const SWEEP_JOB_OPTIONS: JobSchedulerTemplateOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { count: 200 },
  removeOnFail: { count: 1000 },
};

/**
 * Declares the sweeps' job schedulers in the scheduler queue. Every replica does it at start, and that
 * is safe: a scheduler's id is its job name, `upsertJobScheduler` is one atomic script keyed by that id,
 * and the next run's job id is derived from the id and the run time, so N replicas starting together
 * leave one scheduler and one pending job per sweep (instead of N, as `add` with `repeat` once did).
 */
@Injectable()
export class JobSchedulersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedulersService.name);

  constructor(@InjectQueue(QueueName.SCHEDULER) private readonly queue: Queue<SweepJobData>) {}

  /**
   * Not awaited: a worker started while Redis is down still starts, and schedules once Redis answers.
   * Redis that restarts empty has lost the schedulers with the jobs, so every reconnection upserts again.
   */
  onApplicationBootstrap(): void {
    this.queue.waitUntilReady().then(
      () => {
        this.queue.getBackend().on('ready', () => this.upsertInBackground());
        this.upsertInBackground();
      },
      (error: unknown) =>
        this.logger.warn({ err: error }, 'scheduler queue unavailable; sweeps not scheduled'),
    );
  }

  async upsertAll(): Promise<void> {
    await Promise.all(
      Object.entries(SWEEP_SCHEDULES).map(([name, repeat]) =>
        this.queue.upsertJobScheduler(name, repeat, { name, data: {}, opts: SWEEP_JOB_OPTIONS }),
      ),
    );
  }

  private upsertInBackground(): void {
    this.upsertAll().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'could not upsert the job schedulers'),
    );
  }
}
