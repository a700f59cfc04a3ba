import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { programmeToday, SchedulerJob, type SweepJobData } from '#app/core';
import { RemindersService } from '#app/reminders';

export type SchedulerJobName = (typeof SchedulerJob)[keyof typeof SchedulerJob];

/** Dispatches sweeps by name to the reminders service; each answers how many reminders it created. */
@Injectable()
export class SchedulerProcessor {
  private readonly logger = new Logger(SchedulerProcessor.name);

  readonly handlers: Record<SchedulerJobName, (job: Job<SweepJobData>) => Promise<number>> = {
    [SchedulerJob.SWEEP_FOLLOW_UPS_DUE]: () => this.reminders.followUpsComingDue(programmeToday()),
    [SchedulerJob.SWEEP_FOLLOW_UPS_OVERDUE]: () => this.reminders.followUpsOverdue(programmeToday()),
    [SchedulerJob.SWEEP_INACTIVE_CASES]: () => this.reminders.inactiveCases(new Date()),
    [SchedulerJob.SWEEP_INTERNSHIPS_ENDING]: () => this.reminders.internshipsEnding(programmeToday()),
  };

  constructor(private readonly reminders: RemindersService) {}

  async process(job: Job<SweepJobData>): Promise<number> {
    const handler = this.handlers[job.name as SchedulerJobName];
    if (!handler) {
      this.logger.error({ jobName: job.name }, 'no handler for job');
      throw new Error(`No handler for job ${job.name}`);
    }
    return handler(job);
  }
}
