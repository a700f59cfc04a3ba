import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { AppConfig, QueueName, redisOptions } from '#app/core';
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
  ) {}

  onApplicationBootstrap(): void {
    const { values } = this.config;
    const worker = new Worker(QueueName.WORKFLOW, (job: Job) => this.workflow.process(job), {
      connection: redisOptions(this.config.redisUrl),
      prefix: values.QUEUE_PREFIX,
      concurrency: values.WORKER_CONCURRENCY,
      lockDuration: values.WORKER_LOCK_DURATION_MS,
      stalledInterval: values.WORKER_STALLED_INTERVAL_MS,
      // A job whose worker died is retried, not failed: its effects are idempotent.
      maxStalledCount: 10,
    });
    worker.on('error', (error) => this.logger.warn({ err: error }, 'workflow worker error'));
    worker.on('failed', (job, error) =>
      this.logger.warn({ err: error, jobId: job?.id }, 'workflow job failed'),
    );
    this.workers.push(worker);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
