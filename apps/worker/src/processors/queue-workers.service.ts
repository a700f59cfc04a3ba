import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { AppConfig, QueueName, queueConnection, type SweepJobData } from '#app/core';
import { SchedulerProcessor } from './scheduler.processor.js';
import { WorkflowProcessor } from './workflow.processor.js';

/**
 * Builds the BullMQ workers from the validated config (concurrency, lock and stalled-job timings),
 * which @Processor's static options cannot read. Closing happens before the database pool closes:
 * `close()` lets in-flight jobs finish, so SIGTERM never cuts a transaction short.
 */
@Injectable()
export class QueueWorkersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('QueueWorkers');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly workflow: WorkflowProcessor,
    private readonly scheduler: SchedulerProcessor,
  ) {}

  onApplicationBootstrap(): void {
    this.start(
      QueueName.WORKFLOW,
      (job: Job) => this.workflow.process(job),
      this.config.values.WORKER_CONCURRENCY,
    );
    // Sweeps are few and each is one set-based statement; one at a time per replica is plenty.
    this.start(QueueName.SCHEDULER, (job: Job<SweepJobData>) => this.scheduler.process(job), 1);
  }

  private start<T>(queue: QueueName, process: (job: Job<T>) => Promise<unknown>, concurrency: number): void {
    const { values } = this.config;
    const worker = new Worker<T>(queue, process, {
      connection: queueConnection(this.config),
      prefix: values.QUEUE_PREFIX,
      concurrency,
      lockDuration: values.WORKER_LOCK_DURATION_MS,
      stalledInterval: values.WORKER_STALLED_INTERVAL_MS,
      // A job whose worker died is retried, not failed: its effects are idempotent.
      maxStalledCount: 10,
    });
    worker.on('error', (error) => this.logger.warn({ err: error }, `${queue} worker error`));
    worker.on('failed', (job, error) =>
      this.logger.warn({ err: error, jobId: job?.id }, `${queue} job failed`),
    );
    this.workers.push(worker);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
