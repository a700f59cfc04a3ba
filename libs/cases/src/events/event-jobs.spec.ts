import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { PublishedEvent } from '#app/core';
import { eventsByCase, MAX_EVENTS_PER_JOB, MIN_EVENTS_PER_JOB, packEvents } from './event-jobs.js';

let sequence = 0;

function event(caseId: string): PublishedEvent {
  sequence += 1;
  return {
    eventId: `event-${sequence}`,
    caseId,
    sequence: String(sequence),
    type: 'interview.held',
    payload: {},
    occurredAt: '2026-01-01T00:00:00.000Z',
  };
}

const ids = (jobs: PublishedEvent[][]) => jobs.map((job) => job.map((e) => e.eventId));

describe('eventsByCase', () => {
  it('keeps each case together, in sequence order, cases in order of first appearance', () => {
    const [a1, b1, a2, c1] = [event('a'), event('b'), event('a'), event('c')];
    expect(ids(eventsByCase([a2, b1, a1, c1]))).toEqual([
      [a1.eventId, a2.eventId],
      [b1.eventId],
      [c1.eventId],
    ]);
  });

  it('orders sequences as numbers, not as text', () => {
    const early = { ...event('a'), sequence: '9' };
    const late = { ...event('a'), sequence: '10' };
    expect(ids(eventsByCase([late, early]))).toEqual([[early.eventId, late.eventId]]);
  });
});

describe('packEvents', () => {
  it('sends a few events of different cases in one job', () => {
    const events = Array.from({ length: MIN_EVENTS_PER_JOB }, (_, index) => event(`case-${index}`));
    expect(ids(packEvents(events, 10))).toEqual([events.map((e) => e.eventId)]);
  });

  it('spreads a backlog over about as many jobs as the worker runs at once', () => {
    const events = Array.from({ length: 200 }, (_, index) => event(`case-${index}`));
    const jobs = packEvents(events, 10);
    expect(jobs).toHaveLength(10);
    expect(jobs.every((job) => job.length === 20)).toBe(true);
  });

  it('caps the events of a job, unless one case alone has more', () => {
    const events = Array.from({ length: 1000 }, (_, index) => event(`case-${index}`));
    expect(Math.max(...packEvents(events, 2).map((job) => job.length))).toBe(MAX_EVENTS_PER_JOB);
    const busy = Array.from({ length: MAX_EVENTS_PER_JOB + 5 }, () => event('busy'));
    expect(packEvents(busy, 10)).toHaveLength(1);
  });

  it('publishes every event once, never splits a case, and keeps each case in sequence order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 400 }),
        fc.integer({ min: 1, max: 20 }),
        (caseNumbers, slots) => {
          const events = caseNumbers.map((n) => event(`case-${n}`));
          const jobs = packEvents(events, slots);
          const published = jobs.flat();
          expect(published.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
          const jobOfCase = new Map<string, number>();
          jobs.forEach((job, index) => {
            for (const e of job) {
              expect(jobOfCase.get(e.caseId) ?? index).toBe(index);
              jobOfCase.set(e.caseId, index);
            }
            for (const caseId of new Set(job.map((e) => e.caseId))) {
              const sequences = job.filter((e) => e.caseId === caseId).map((e) => Number(e.sequence));
              expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
            }
          });
        },
      ),
    );
  });
});
