import type { PublishedEvent } from '#app/core';

/** A job holds a worker slot until all its events are applied: this bounds how long. */
export const MAX_EVENTS_PER_JOB = 50;
/** Below this, applying a job's events one after the other takes a few milliseconds at most. */
export const MIN_EVENTS_PER_JOB = 8;

/**
 * Groups events by case, each case's events in sequence order (the order of first appearance of the
 * cases is kept), so that a case's events are applied together and in order.
 */
export function eventsByCase(events: PublishedEvent[]): PublishedEvent[][] {
  const groups = new Map<string, PublishedEvent[]>();
  for (const event of events) {
    const group = groups.get(event.caseId);
    if (group) group.push(event);
    else groups.set(event.caseId, [event]);
  }
  const bySequence = (a: PublishedEvent, b: PublishedEvent) =>
    BigInt(a.sequence) < BigInt(b.sequence) ? -1 : 1;
  return [...groups.values()].map((group) => group.sort(bySequence));
}

/**
 * The jobs that carry a relay pass's events. A job costs BullMQ and the worker about as much as
 * applying an event costs the engine, so events share jobs: a pass is spread over about as many jobs
 * as a worker runs at once (`slots`), each of MIN_EVENTS_PER_JOB to MAX_EVENTS_PER_JOB events (more
 * when one case alone has more). A case is never split across jobs: its events are applied in one go,
 * in order.
 */
export function packEvents(events: PublishedEvent[], slots: number): PublishedEvent[][] {
  const perJob = Math.min(
    MAX_EVENTS_PER_JOB,
    Math.max(MIN_EVENTS_PER_JOB, Math.ceil(events.length / Math.max(1, slots))),
  );
  const jobs: PublishedEvent[][] = [];
  let current: PublishedEvent[] = [];
  for (const group of eventsByCase(events)) {
    if (current.length && current.length + group.length > perJob) {
      jobs.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length) jobs.push(current);
  return jobs;
}
