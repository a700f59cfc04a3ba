import type { JobsOptions } from 'bullmq';

export enum QueueName {
  /** Case events from the outbox, applied by the workflow engine. */
  WORKFLOW = 'workflow',
  /** Periodic sweeps: follow-ups due, inactivity, internships ending. */
  SCHEDULER = 'scheduler',
}

export const WorkflowJob = {
  /** Outbox events, in order within each case, published by the relay for the engine. */
  APPLY_EVENTS: 'apply-events',
  /**
   * One event named by its id, which the engine reads: the jobs of earlier versions, which may still
   * be queued when a new version starts.
   */
  APPLY_EVENT: 'apply-event',
} as const;

/** An outbox event as a job carries it: what applying it needs, so the engine need not read it. */
export interface PublishedEvent {
  eventId: string;
  caseId: string;
  sequence: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface ApplyEventsJobData {
  events: PublishedEvent[];
}

export interface ApplyEventJobData {
  eventId: string;
  caseId: string;
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
 * The job id is the id of the job's first event: publishing the same events twice (relay retry,
 * republish after Redis lost its data) never queues a second job while the first exists, and the
 * engine's applied-at check makes a late duplicate a no-op.
 */
export function eventJobOptions(jobId: string): JobsOptions {
  return {
    jobId,
    attempts: 10,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: 3600, count: 10000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
