import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { WorkflowEngineService } from '#app/cases';
import { AppConfig, type ApplyEventJobData, QueueName, WorkflowJob } from '#app/core';

type WorkflowJobName = (typeof WorkflowJob)[keyof typeof WorkflowJob];

/** Dispatches workflow jobs by name to the engine; nothing else lives here. */
@Processor(QueueName.WORKFLOW)
export class WorkflowProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(WorkflowProcessor.name);

  readonly handlers: Record<WorkflowJobName, (job: Job<ApplyEventJobData>) => Promise<unknown>> = {
    [WorkflowJob.APPLY_EVENT]: (job) => this.engine.applyEvent(job.data.eventId),
  };

  constructor(
    private readonly engine: WorkflowEngineService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.values.WORKER_CONCURRENCY;
  }

  async process(job: Job<ApplyEventJobData>): Promise<unknown> {
    const handler = this.handlers[job.name as WorkflowJobName];
    if (!handler) {
      this.logger.error({ jobName: job.name }, 'no handler for job');
      throw new Error(`No handler for job ${job.name}`);
    }
    return handler(job);
  }
}
