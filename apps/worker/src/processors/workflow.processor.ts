import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { WorkflowEngineService } from '#app/cases';
import { type ApplyEventJobData, type ApplyEventsJobData, WorkflowJob } from '#app/core';

type WorkflowJobName = (typeof WorkflowJob)[keyof typeof WorkflowJob];

/** Dispatches workflow jobs by name to the engine; nothing else lives here. */
@Injectable()
export class WorkflowProcessor {
  private readonly logger = new Logger(WorkflowProcessor.name);

  readonly handlers: Record<WorkflowJobName, (job: Job) => Promise<unknown>> = {
    [WorkflowJob.APPLY_EVENTS]: (job: Job<ApplyEventsJobData>) => this.engine.applyEvents(job.data.events),
    [WorkflowJob.APPLY_EVENT]: (job: Job<ApplyEventJobData>) => this.engine.applyEvent(job.data.eventId),
  };

  constructor(private readonly engine: WorkflowEngineService) {}

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as WorkflowJobName];
    if (!handler) {
      this.logger.error({ jobName: job.name }, 'no handler for job');
      throw new Error(`No handler for job ${job.name}`);
    }
    return handler(job);
  }
}
