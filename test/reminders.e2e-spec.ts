import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { programmeToday, QueueName, Role, SchedulerJob } from '#app/core';
import { RemindersService } from '#app/reminders';
import { JobSchedulersService } from '../apps/worker/src/processors/job-schedulers.service.js';
import {
  caseInOrientation,
  holdInterview,
  moveCase,
  openCase,
  placedCase,
  settled,
  waitForStatus,
} from './support/cases.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

interface ReminderRow {
  counsellorId: string;
  caseId: string;
  kind: string;
  subjectId: string;
  dueOn: string;
  readAt: Date | null;
}

interface ReminderBody {
  id: string;
  kind: string;
  caseId: string;
  subjectId: string;
  counsellorId: string;
  dueOn: string;
  createdAt: string;
  readAt: string | null;
}

const DAY_MS = 24 * 3600 * 1000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);

/**
 * The sweeps are called directly with a chosen day. The data of each scenario lies years ahead of the
 * real calendar, so the schedulers running on the real clock in this app never touch it.
 */
describe('reminders: idempotent sweeps, their schedulers and the reminders API', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;
  let coordinator: TestUser;
  let companyUser: TestUser;
  let companyId: string;
  let sweeps: RemindersService;
  let schedulerQueue: Queue;

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

  async function startInternship(owner: TestUser, caseId: string, startsOn: string, endsOn: string) {
    const started = await t
      .http()
      .post(`/api/cases/${caseId}/internships`)
      .set(auth(owner))
      .send({ companyId, startsOn, endsOn, monthlyAllowance: 450, tutorName: 'Giulia Neri' });
    expect(started.status).toBe(201);
    return started.body.id as string;
  }

  const followUpsOf = async (caseId: string) =>
    t.dataSource.query<Array<{ id: string; monthsAfter: number; dueOn: string }>>(
      `SELECT id, months_after AS "monthsAfter", due_on::text AS "dueOn"
         FROM follow_ups WHERE case_id = $1 ORDER BY months_after`,
      [caseId],
    );

  const remindersOf = async (caseId: string) =>
    t.dataSource.query<ReminderRow[]>(
      `SELECT counsellor_id AS "counsellorId", case_id AS "caseId", kind, subject_id AS "subjectId",
              due_on::text AS "dueOn", read_at AS "readAt"
         FROM reminders WHERE case_id = $1 ORDER BY kind, due_on`,
      [caseId],
    );

  const reminderCount = async () =>
    Number((await t.dataSource.query('SELECT count(*)::int AS n FROM reminders'))[0].n);

  const flagsOf = async (caseIds: string[]) => {
    const rows = await t.dataSource.query<Array<{ id: string; flaggedAt: Date | null }>>(
      'SELECT id, inactivity_flagged_at AS "flaggedAt" FROM cases WHERE id = ANY($1)',
      [caseIds],
    );
    return new Map(rows.map((row) => [row.id, row.flaggedAt]));
  };

  beforeAll(async () => {
    t = await createTestApp();
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    companyId = await t.createCompany({ employees: 200 });
    companyUser = await t.userToken(Role.COMPANY, { companyId });
    sweeps = t.app.get(RemindersService);
    schedulerQueue = t.app.get<Queue>(getQueueToken(QueueName.SCHEDULER));
  });

  // Closing drains the scheduler worker and its job schedulers; on a loaded 2-core CI box it has taken over 60 s.
  afterAll(async () => {
    await t.close();
  }, 180_000);

  describe('follow-ups', () => {
    // Contracts starting in January 2031: their +3-month follow-ups are due on 10 and 17 April 2031.
    let mine: string;
    let theirs: string;
    let myFollowUp: { id: string; dueOn: string };
    let theirFollowUp: { id: string; dueOn: string };

    beforeAll(async () => {
      mine = (await placedCase(t, counsellor, { companyId, startsOn: '2031-01-10' })).caseId;
      theirs = (await placedCase(t, otherCounsellor, { companyId, startsOn: '2031-01-17' })).caseId;
      [myFollowUp] = await followUpsOf(mine);
      [theirFollowUp] = await followUpsOf(theirs);
    });

    it('schedules the follow-ups the sweeps read', () => {
      expect(myFollowUp.dueOn).toBe('2031-04-10');
      expect(theirFollowUp.dueOn).toBe('2031-04-17');
    });

    it('reminds nobody of a follow-up beyond the horizon', async () => {
      await expect(sweeps.followUpsComingDue('2031-04-03', 6)).resolves.toBe(0);
      expect(await remindersOf(mine)).toEqual([]);
    });

    it("reminds the case's counsellor once of a follow-up coming due, however many sweeps race", async () => {
      const counts = await Promise.all([1, 2, 3].map(() => sweeps.followUpsComingDue('2031-04-03')));
      expect(sum(counts)).toBe(1);
      expect(await remindersOf(mine)).toEqual([
        {
          counsellorId: counsellor.user.id,
          caseId: mine,
          kind: 'follow_up_due',
          subjectId: myFollowUp.id,
          dueOn: '2031-04-10',
          readAt: null,
        },
      ]);
      expect(await remindersOf(theirs)).toEqual([]);
      await expect(sweeps.followUpsComingDue('2031-04-03')).resolves.toBe(0);
    });

    it('reminds of the next one as the window moves, and never twice of the first', async () => {
      await expect(sweeps.followUpsComingDue('2031-04-10')).resolves.toBe(1);
      expect(await remindersOf(theirs)).toEqual([
        expect.objectContaining({
          counsellorId: otherCounsellor.user.id,
          kind: 'follow_up_due',
          subjectId: theirFollowUp.id,
          dueOn: '2031-04-17',
        }),
      ]);
      expect(await remindersOf(mine)).toHaveLength(1);
      await expect(sweeps.followUpsComingDue('2031-04-10')).resolves.toBe(0);
    });

    it('flags overdue follow-ups once, and never one that was recorded', async () => {
      // The API refuses to record a follow-up before its day (years ahead here): record it in SQL.
      await t.dataSource.query(`UPDATE follow_ups SET recorded_at = now(), employed = true WHERE id = $1`, [
        myFollowUp.id,
      ]);
      await expect(sweeps.followUpsOverdue('2031-04-17')).resolves.toBe(0);
      const counts = await Promise.all([1, 2].map(() => sweeps.followUpsOverdue('2031-04-18')));
      expect(sum(counts)).toBe(1);
      expect((await remindersOf(theirs)).map((row) => [row.kind, row.subjectId, row.dueOn])).toEqual([
        ['follow_up_due', theirFollowUp.id, '2031-04-17'],
        ['follow_up_overdue', theirFollowUp.id, '2031-04-17'],
      ]);
      expect((await remindersOf(mine)).map((row) => row.kind)).toEqual(['follow_up_due']);
      await expect(sweeps.followUpsOverdue('2031-05-01')).resolves.toBe(0);
    });
  });

  describe('inactive cases', () => {
    let idle: string;
    let idleIntake: string;
    let onHold: string;
    let closed: string;
    let placed: string;
    /** A sweep 30 days after "an hour ago": only cases idle since before then are inactive. */
    let sweepAt: Date;

    const backdate = (caseIds: string[], interval: string) =>
      t.dataSource.query(`UPDATE cases SET last_activity_at = now() - $2::interval WHERE id = ANY($1)`, [
        caseIds,
        interval,
      ]);

    const expectedDay = async (caseId: string) => {
      const [row] = await t.dataSource.query('SELECT last_activity_at AS at FROM cases WHERE id = $1', [
        caseId,
      ]);
      return programmeToday(new Date((row.at as Date).getTime() + 30 * DAY_MS));
    };

    beforeAll(async () => {
      idle = await caseInOrientation(t, counsellor);
      idleIntake = (await openCase(t, otherCounsellor)).caseId;
      onHold = await caseInOrientation(t, counsellor);
      await moveCase(t, counsellor, onHold, { to: 'on_hold', reason: 'health' });
      closed = (await openCase(t, counsellor)).caseId;
      await moveCase(t, counsellor, closed, { to: 'closed', reason: 'moved_away' });
      placed = (await placedCase(t, counsellor, { companyId, startsOn: '2035-01-10' })).caseId;
      await waitForStatus(t, coordinator, onHold, 'on_hold');
      await waitForStatus(t, coordinator, closed, 'closed');
      for (const caseId of [idle, idleIntake, onHold, closed, placed]) await settled(t, coordinator, caseId);
      await backdate([idle, idleIntake, onHold, closed, placed], '1 day');
      sweepAt = new Date(Date.now() + 30 * DAY_MS - 3600 * 1000);
    });

    it('leaves a case idle for fewer days than configured alone', async () => {
      await expect(sweeps.inactiveCases(sweepAt, 31)).resolves.toBe(0);
      expect([...(await flagsOf([idle, idleIntake])).values()]).toEqual([null, null]);
    });

    it('flags each idle active case once and reminds its counsellor, however many sweeps race', async () => {
      const counts = await Promise.all([1, 2, 3].map(() => sweeps.inactiveCases(sweepAt)));
      expect(sum(counts)).toBe(2);
      expect(await remindersOf(idle)).toEqual([
        {
          counsellorId: counsellor.user.id,
          caseId: idle,
          kind: 'case_inactive',
          subjectId: idle,
          dueOn: await expectedDay(idle),
          readAt: null,
        },
      ]);
      expect(await remindersOf(idleIntake)).toEqual([
        expect.objectContaining({ counsellorId: otherCounsellor.user.id, kind: 'case_inactive' }),
      ]);
      const flags = await flagsOf([idle, idleIntake, onHold, closed, placed]);
      expect(flags.get(idle)?.getTime()).toBe(sweepAt.getTime());
      expect(flags.get(idleIntake)?.getTime()).toBe(sweepAt.getTime());
      expect([flags.get(onHold), flags.get(closed), flags.get(placed)]).toEqual([null, null, null]);
      for (const caseId of [onHold, closed, placed]) expect(await remindersOf(caseId)).toEqual([]);
      await expect(sweeps.inactiveCases(sweepAt)).resolves.toBe(0);
    });

    it('is unflagged by the next event, and flagged again after a new idle spell', async () => {
      await holdInterview(t, counsellor, idle);
      await waitFor(async () => (await flagsOf([idle])).get(idle) === null, {
        message: 'flag cleared by the engine',
      });
      await expect(sweeps.inactiveCases(sweepAt)).resolves.toBe(0);

      await settled(t, coordinator, idle);
      await backdate([idle], '3 days');
      await expect(sweeps.inactiveCases(sweepAt)).resolves.toBe(1);
      const reminders = await remindersOf(idle);
      expect(reminders).toHaveLength(2);
      expect(new Set(reminders.map((row) => row.dueOn)).size).toBe(2);
      expect(reminders.map((row) => row.dueOn)).toContain(await expectedDay(idle));
      await expect(sweeps.inactiveCases(sweepAt)).resolves.toBe(0);
    });
  });

  describe('internships ending', () => {
    let mine: string;
    let theirs: string;
    let ended: string;
    let myInternship: string;
    let theirInternship: string;

    beforeAll(async () => {
      mine = await caseInOrientation(t, counsellor);
      theirs = await caseInOrientation(t, otherCounsellor);
      ended = await caseInOrientation(t, counsellor);
      myInternship = await startInternship(counsellor, mine, '2032-01-01', '2032-06-30');
      theirInternship = await startInternship(otherCounsellor, theirs, '2032-01-10', '2032-07-10');
      const endedInternship = await startInternship(counsellor, ended, '2032-01-01', '2032-06-25');
      const interrupted = await t
        .http()
        .patch(`/api/internships/${endedInternship}`)
        .set(auth(counsellor))
        .send({ status: 'interrupted', outcome: 'Moved to another city' });
      expect(interrupted.status).toBe(200);
    });

    it('reminds of an active internship ending within two weeks, once, however many sweeps race', async () => {
      const counts = await Promise.all([1, 2, 3].map(() => sweeps.internshipsEnding('2032-06-16')));
      expect(sum(counts)).toBe(1);
      expect(await remindersOf(mine)).toEqual([
        {
          counsellorId: counsellor.user.id,
          caseId: mine,
          kind: 'internship_ending',
          subjectId: myInternship,
          dueOn: '2032-06-30',
          readAt: null,
        },
      ]);
      expect(await remindersOf(theirs)).toEqual([]);
      expect(await remindersOf(ended)).toEqual([]);
    });

    it('reminds of the next as the window moves, and never twice of the first', async () => {
      await expect(sweeps.internshipsEnding('2032-06-26')).resolves.toBe(1);
      expect(await remindersOf(theirs)).toEqual([
        expect.objectContaining({
          counsellorId: otherCounsellor.user.id,
          subjectId: theirInternship,
          dueOn: '2032-07-10',
        }),
      ]);
      expect(await remindersOf(mine)).toHaveLength(1);
      await expect(sweeps.internshipsEnding('2032-06-26')).resolves.toBe(0);
    });
  });

  describe('GET /api/reminders and PATCH /api/reminders/:id', () => {
    const list = (user: TestUser, query: Record<string, string | number> = {}) =>
      t.http().get('/api/reminders').query(query).set(auth(user));

    const readAtOf = async (id: string) =>
      ((await t.dataSource.query('SELECT read_at FROM reminders WHERE id = $1', [id]))[0].read_at ??
        null) as Date | null;

    let mineCount: number;
    let theirsCount: number;

    beforeAll(async () => {
      const counts = await t.dataSource.query<Array<{ id: string; n: number }>>(
        'SELECT counsellor_id AS id, count(*)::int AS n FROM reminders GROUP BY counsellor_id',
      );
      mineCount = counts.find((row) => row.id === counsellor.user.id)!.n;
      theirsCount = counts.find((row) => row.id === otherCounsellor.user.id)!.n;
    });

    it('lists a counsellor their own reminders only, most pressing first', async () => {
      const response = await list(counsellor, { limit: 100 });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: mineCount, page: 1, limit: 100 });
      const items = response.body.items as ReminderBody[];
      expect(items).toHaveLength(mineCount);
      expect(items.every((item) => item.counsellorId === counsellor.user.id)).toBe(true);
      const days = items.map((item) => item.dueOn);
      expect(days).toEqual([...days].sort());
      expect(Object.keys(items[0]).sort()).toEqual(
        ['caseId', 'counsellorId', 'createdAt', 'dueOn', 'id', 'kind', 'readAt', 'subjectId'].sort(),
      );
    });

    it("shows a counsellor nothing of another counsellor's, even when asked by id", async () => {
      const response = await list(counsellor, { counsellorId: otherCounsellor.user.id });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ items: [], total: 0 });
    });

    it('lists everyone to coordinators and admins, or one counsellor on request', async () => {
      const all = await list(coordinator, { limit: 100 });
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(await reminderCount());
      const theirs = await list(coordinator, { counsellorId: otherCounsellor.user.id, limit: 100 });
      expect(theirs.body.total).toBe(theirsCount);
      expect(
        (theirs.body.items as ReminderBody[]).every((item) => item.counsellorId === otherCounsellor.user.id),
      ).toBe(true);
      const admin = await t
        .http()
        .get('/api/reminders')
        .set({ Authorization: `Bearer ${t.adminToken}` });
      expect(admin.status).toBe(200);
      expect(admin.body.total).toBe(await reminderCount());
    });

    it('pages', async () => {
      const first = await list(counsellor, { limit: 1, page: 1 });
      const second = await list(counsellor, { limit: 1, page: 2 });
      expect(first.body).toMatchObject({ total: mineCount, page: 1, limit: 1 });
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    });

    it('marks a reminder read once, keeps the first reading time, and unread on request', async () => {
      const [target] = (await list(counsellor, { unread: 'true' })).body.items as ReminderBody[];
      const read = await t
        .http()
        .patch(`/api/reminders/${target.id}`)
        .set(auth(counsellor))
        .send({ read: true });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: target.id, kind: target.kind, counsellorId: counsellor.user.id });
      expect(read.body.readAt).not.toBeNull();

      const unread = await list(counsellor, { unread: 'true', limit: 100 });
      expect(unread.body.total).toBe(mineCount - 1);
      expect((unread.body.items as ReminderBody[]).map((item) => item.id)).not.toContain(target.id);
      const readOnly = await list(counsellor, { unread: 'false' });
      expect((readOnly.body.items as ReminderBody[]).map((item) => item.id)).toEqual([target.id]);

      const again = await t
        .http()
        .patch(`/api/reminders/${target.id}`)
        .set(auth(counsellor))
        .send({ read: true });
      expect(again.status).toBe(200);
      expect(again.body.readAt).toBe(read.body.readAt);

      const back = await t
        .http()
        .patch(`/api/reminders/${target.id}`)
        .set(auth(counsellor))
        .send({ read: false });
      expect(back.status).toBe(200);
      expect(back.body.readAt).toBeNull();
      expect(await readAtOf(target.id)).toBeNull();
    });

    it("answers 404 for another counsellor's reminder or an unknown one, and changes nothing", async () => {
      const [theirs] = (await list(otherCounsellor)).body.items as ReminderBody[];
      const response = await t
        .http()
        .patch(`/api/reminders/${theirs.id}`)
        .set(auth(counsellor))
        .send({ read: true });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'REMINDER_NOT_FOUND' });
      expect(await readAtOf(theirs.id)).toBeNull();
      const unknown = await t
        .http()
        .patch(`/api/reminders/${UNKNOWN_ID}`)
        .set(auth(counsellor))
        .send({ read: true });
      expect(unknown.status).toBe(404);
    });

    it('refuses bad input with 400 and changes nothing', async () => {
      const [target] = (await list(counsellor, { unread: 'true' })).body.items as ReminderBody[];
      for (const body of [
        {},
        { read: 'yes' },
        { read: null },
        { read: true, readAt: '2026-01-01T00:00:00Z' },
      ]) {
        const response = await t.http().patch(`/api/reminders/${target.id}`).set(auth(counsellor)).send(body);
        expect(response.status).toBe(400);
        expect(response.body.statusCode).toBe(400);
      }
      expect(await readAtOf(target.id)).toBeNull();
      const notAnId = await t
        .http()
        .patch('/api/reminders/not-a-uuid')
        .set(auth(counsellor))
        .send({ read: true });
      expect(notAnId.status).toBe(400);
      const badQueries: Array<Record<string, string | number>> = [
        { unread: 'yes' },
        { limit: 101 },
        { counsellorId: 'someone' },
        { colour: 'red' },
      ];
      for (const query of badQueries) {
        const response = await list(coordinator, query);
        expect(response.status).toBe(400);
      }
    });

    it('forbids companies to read or mark reminders, and other roles to mark them', async () => {
      const [target] = (await list(counsellor)).body.items as ReminderBody[];
      expect((await list(companyUser)).status).toBe(403);
      for (const user of [companyUser, coordinator]) {
        const response = await t
          .http()
          .patch(`/api/reminders/${target.id}`)
          .set(auth(user))
          .send({ read: true });
        expect(response.status).toBe(403);
      }
      expect(await readAtOf(target.id)).toBeNull();
      expect((await t.http().get('/api/reminders')).status).toBe(401);
    });
  });

  describe('the job schedulers', () => {
    const schedulers = async () =>
      (await schedulerQueue.getJobSchedulers()).sort((a, b) => a.key.localeCompare(b.key));

    it('are upserted once at start, one per sweep, in Bologna time', async () => {
      const found = await waitFor(async () => {
        const current = await schedulers();
        return current.length === 4 && current;
      });
      expect(
        found.map((scheduler) => [scheduler.key, scheduler.name, scheduler.pattern, scheduler.tz]),
      ).toEqual([
        [SchedulerJob.SWEEP_FOLLOW_UPS_DUE, SchedulerJob.SWEEP_FOLLOW_UPS_DUE, '0 6 * * *', 'Europe/Rome'],
        [
          SchedulerJob.SWEEP_FOLLOW_UPS_OVERDUE,
          SchedulerJob.SWEEP_FOLLOW_UPS_OVERDUE,
          '0 6 * * *',
          'Europe/Rome',
        ],
        [SchedulerJob.SWEEP_INACTIVE_CASES, SchedulerJob.SWEEP_INACTIVE_CASES, '0 * * * *', 'Europe/Rome'],
        [
          SchedulerJob.SWEEP_INTERNSHIPS_ENDING,
          SchedulerJob.SWEEP_INTERNSHIPS_ENDING,
          '0 6 * * *',
          'Europe/Rome',
        ],
      ]);
      expect(found.every((scheduler) => (scheduler.next ?? 0) > Date.now())).toBe(true);
      expect(await schedulerQueue.getDelayedCount()).toBe(4);
    });

    it('stay one per sweep when replicas upsert again, together', async () => {
      const upserts = t.app.get(JobSchedulersService);
      const before = (await schedulerQueue.getDelayed()).map((job) => job.id).sort();
      await upserts.upsertAll();
      await Promise.all([1, 2, 3].map(() => upserts.upsertAll()));
      expect(await schedulers()).toHaveLength(4);
      expect((await schedulerQueue.getDelayed()).map((job) => job.id).sort()).toEqual(before);
    });

    it('come back when Redis reconnects without them', async () => {
      for (const scheduler of await schedulers()) await schedulerQueue.removeJobScheduler(scheduler.key);
      expect(await schedulers()).toHaveLength(0);
      (await schedulerQueue.getBackend().client).disconnect(true);
      await waitFor(async () => (await schedulers()).length === 4, { message: 'schedulers upserted again' });
      expect(await schedulerQueue.getDelayedCount()).toBe(4);
    });
  });

  describe('a sweep run by the worker', () => {
    /** The job as stored once it finished: read after its state, so it carries its outcome. */
    const finished = async (jobId: string) => {
      await waitFor(async () => ['completed', 'failed'].includes(await schedulerQueue.getJobState(jobId)), {
        message: `job ${jobId} finished`,
      });
      return (await schedulerQueue.getJob(jobId))!;
    };

    it('dispatches by job name and answers how many reminders it created', async () => {
      const today = programmeToday();
      const caseId = await caseInOrientation(t, counsellor);
      const internship = await startInternship(counsellor, caseId, addDays(today, -90), addDays(today, 5));

      const run = async () =>
        finished((await schedulerQueue.add(SchedulerJob.SWEEP_INTERNSHIPS_ENDING, {})).id!);
      expect((await run()).returnvalue).toBe(1);
      expect(await remindersOf(caseId)).toEqual([
        expect.objectContaining({
          kind: 'internship_ending',
          subjectId: internship,
          dueOn: addDays(today, 5),
        }),
      ]);
      expect((await run()).returnvalue).toBe(0);
    });

    it('fails a job whose name has no sweep', async () => {
      const failed = await finished((await schedulerQueue.add('sweep-nothing', {})).id!);
      expect(await failed.getState()).toBe('failed');
      expect(failed.failedReason).toBe('No handler for job sweep-nothing');
    });
  });
});
