import { describe, expect, it, jest } from '@jest/globals';
import type { Job } from 'bullmq';
import { programmeToday, QueueName, SchedulerJob, type SweepJobData } from '#app/core';
import { type RemindersService } from '#app/reminders';
import { assertHandlers } from './assert-handlers.js';
import { SWEEP_SCHEDULES } from './job-schedulers.service.js';
import { SchedulerProcessor } from './scheduler.processor.js';

function fakeReminders() {
  return {
    followUpsComingDue: jest.fn((_today: string) => Promise.resolve(1)),
    followUpsOverdue: jest.fn((_today: string) => Promise.resolve(2)),
    inactiveCases: jest.fn((_now?: Date) => Promise.resolve(3)),
    internshipsEnding: jest.fn((_today: string) => Promise.resolve(4)),
  };
}

const job = (name: string) => ({ name, data: {} }) as Job<SweepJobData>;

describe('SchedulerProcessor', () => {
  it('has exactly one handler per sweep, as the worker asserts at start', () => {
    const processor = new SchedulerProcessor(fakeReminders() as unknown as RemindersService);
    expect(() =>
      assertHandlers(QueueName.SCHEDULER, Object.values(SchedulerJob), processor.handlers),
    ).not.toThrow();
    expect(() =>
      assertHandlers(QueueName.SCHEDULER, [...Object.values(SchedulerJob), 'sweep-more'], processor.handlers),
    ).toThrow('jobs without handler [sweep-more]');
  });

  it("runs each sweep for today's day in Bologna and answers its count", async () => {
    const reminders = fakeReminders();
    const processor = new SchedulerProcessor(reminders as unknown as RemindersService);
    const today = programmeToday();
    await expect(processor.process(job(SchedulerJob.SWEEP_FOLLOW_UPS_DUE))).resolves.toBe(1);
    await expect(processor.process(job(SchedulerJob.SWEEP_FOLLOW_UPS_OVERDUE))).resolves.toBe(2);
    await expect(processor.process(job(SchedulerJob.SWEEP_INACTIVE_CASES))).resolves.toBe(3);
    await expect(processor.process(job(SchedulerJob.SWEEP_INTERNSHIPS_ENDING))).resolves.toBe(4);
    expect(reminders.followUpsComingDue).toHaveBeenCalledWith(today);
    expect(reminders.followUpsOverdue).toHaveBeenCalledWith(today);
    expect(reminders.internshipsEnding).toHaveBeenCalledWith(today);
    expect(reminders.inactiveCases).toHaveBeenCalledWith(expect.any(Date));
  });

  it('fails a job whose name has no sweep', async () => {
    const processor = new SchedulerProcessor(fakeReminders() as unknown as RemindersService);
    await expect(processor.process(job('sweep-nothing'))).rejects.toThrow('No handler for job sweep-nothing');
  });
});

describe('SWEEP_SCHEDULES', () => {
  it('schedules every sweep once, in Bologna time', () => {
    expect(Object.keys(SWEEP_SCHEDULES).sort()).toEqual(Object.values(SchedulerJob).sort());
    expect(Object.values(SWEEP_SCHEDULES).every((repeat) => repeat.tz === 'Europe/Rome')).toBe(true);
  });
});
