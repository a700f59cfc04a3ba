import type { JobsOptions } from 'bullmq';

export enum QueueName {
  /** Case events from the outbox, applied by the workflow engine. */
  WORKFLOW = 'workflow',
  /** Periodic sweeps: follow-ups due, inactivity, internships ending. */
  SCHEDULER = 'scheduler',
}

export const WorkflowJob = {
  APPLY_EVENT: 'apply-event',
} as const;

export interface ApplyEventJobData {
  eventId: string;
  caseId: string;
  /**
   * The event itself, so a worker that knows the state of the case can apply it without reading it
   * first. Absent from jobs published before it was added; the engine reads the event then.
   */
  event?: {
    sequence: string;
    type: string;
    payload: Record<string, unknown>;
    occurredAt: string;
  };
}

/** Sweeps started by the job schedulers of the scheduler queue. */
export const SchedulerJob = {
  SWEEP_FOLLOW_UPS_DUE: 'sweep-follow-ups-due',
  SWEEP_FOLLOW_UPS_OVERDUE: 'sweep-follow-ups-overdue',
  SWEEP_INACTIVE_CASES: 'sweep-inactive-cases',
  SWEEP_INTERNSHIPS_ENDING: 'sweep-internships-ending',
} as const;

/** A sweep carries nothing: it reads the day when it runs, so a late or repeated run is still right. */
export type SweepJobData = Record<string, never>;

/**
 * The job id is the event id: publishing the same event twice (relay retry, republish after Redis lost
 * its data) never queues a second job while the first exists, and the engine's applied-at check makes a
 * late duplicate a no-op.
 */
export function eventJobOptions(eventId: string): JobsOptions {
  return {
    jobId: eventId,
    attempts: 10,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: 3600, count: 10000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
