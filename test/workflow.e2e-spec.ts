import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { type ApplyEventsJobData, QueueName, Role, WorkflowJob } from '#app/core';
import { caseStatus, holdInterview, openCase, waitForStatus } from './support/cases.js';
import { seedCasesWithEvents } from './support/seed-events.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

/** What the counsellor writes down at the interview. */
const INTERVIEW_NOTES = { notes: 'Motivated, needs a forklift licence', skills: ['forklift'] };

describe('the workflow engine, end to end', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;
  let coordinator: TestUser;

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

  const metrics = async () => (await t.http().get('/api/metrics').set(auth(coordinator))).body;

  beforeAll(async () => {
    t = await createTestApp();
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
  });

  afterAll(async () => {
    await t.close();
  });

  it('opens a case in intake and refuses a second open case for the same person', async () => {
    const { caseId, beneficiaryId } = await openCase(t, counsellor);
    const current = await t.http().get(`/api/cases/${caseId}`).set(auth(counsellor));
    expect(current.body).toMatchObject({ status: 'intake', counsellorId: counsellor.user.id, beneficiaryId });
    const second = await t.http().post('/api/cases').set(auth(counsellor)).send({ beneficiaryId });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'CASE_ALREADY_OPEN' });
  });

  it('moves the case to orientation when the interview is held, and counts it once', async () => {
    const before = await metrics();
    const { caseId } = await openCase(t, counsellor);
    await holdInterview(t, counsellor, caseId, 'ready_for_placement', INTERVIEW_NOTES);
    await waitForStatus(t, counsellor, caseId, 'orientation');
    const after = await waitFor(async () => {
      const now = await metrics();
      return now.interviewsHeld === before.interviewsHeld + 1 && now;
    });
    expect(after.casesByState.orientation).toBe((before.casesByState.orientation ?? 0) + 1);

    const timeline = await t.http().get(`/api/cases/${caseId}/timeline`).set(auth(counsellor));
    expect(timeline.status).toBe(200);
    expect(timeline.body).toEqual({ items: expect.any(Array), total: 2, page: 1, limit: 100 });
    expect(timeline.body.items.map((event: { type: string }) => event.type)).toEqual([
      'case.opened',
      'interview.held',
    ]);
    expect(timeline.body.items[1]).toMatchObject({
      fromState: 'intake',
      toState: 'orientation',
      actorId: counsellor.user.id,
    });
  });

  it('applies an event delivered twice exactly once', async () => {
    const { caseId } = await openCase(t, counsellor);
    await holdInterview(t, counsellor, caseId, 'ready_for_placement', INTERVIEW_NOTES);
    await waitForStatus(t, counsellor, caseId, 'orientation');
    const counted = await metrics();
    const timeline = await t.http().get(`/api/cases/${caseId}/timeline`).set(auth(counsellor));
    const held = timeline.body.items.find((event: { type: string }) => event.type === 'interview.held');

    // A second delivery of the same event, as after a relay retry or a stalled job, under another job id.
    const queue = t.app.get<Queue>(getQueueToken(QueueName.WORKFLOW));
    const duplicate = await queue.add(
      WorkflowJob.APPLY_EVENT,
      { eventId: held.id, caseId },
      { jobId: `${held.id}-again` },
    );
    await waitFor(async () => (await duplicate.getState()) === 'completed', {
      message: 'duplicate job completed',
    });
    expect((await queue.getJob(duplicate.id!))?.returnvalue).toEqual({ applied: 0 });

    const recounted = await metrics();
    expect(recounted.interviewsHeld).toBe(counted.interviewsHeld);
    expect(recounted.casesByState).toEqual(counted.casesByState);
    expect(await caseStatus(t, counsellor, caseId)).toBe('orientation');
  });

  it('publishes a backlog in jobs of several events, and applies each event once', async () => {
    const before = await metrics();
    const caseIds = await seedCasesWithEvents(t.dataSource, {
      count: 200,
      counsellorId: counsellor.user.id,
      tag: 'BACKLOG',
      events: [{ type: 'case.opened' }, { type: 'interview.held', payload: { triage: 'needs_training' } }],
    });
    const seeded = new Set(caseIds);
    await waitFor(
      async () =>
        (
          await t.dataSource.query<Array<{ pending: number }>>(
            'SELECT count(*)::int AS pending FROM case_events WHERE case_id = ANY($1::uuid[]) AND applied_at IS NULL',
            [caseIds],
          )
        )[0].pending === 0,
      { message: 'the backlog applied' },
    );
    const queue = t.app.get<Queue<ApplyEventsJobData>>(getQueueToken(QueueName.WORKFLOW));
    const jobs = (await queue.getJobs(['completed'])).filter(
      (job) =>
        job.name === WorkflowJob.APPLY_EVENTS && job.data.events.some((event) => seeded.has(event.caseId)),
    );
    const published = jobs.flatMap((job) => job.data.events.map((event) => event.eventId));

    expect(new Set(published).size).toBe(400);
    expect(published).toHaveLength(400);
    expect(jobs.length).toBeLessThan(100);
    const after = await waitFor(async () => {
      const now = await metrics();
      return now.interviewsHeld === before.interviewsHeld + 200 && now;
    });
    expect(after.casesByState.orientation).toBe((before.casesByState.orientation ?? 0) + 200);
  });

  it('closes the case of a person out of target', async () => {
    const { caseId } = await openCase(t, counsellor);
    await holdInterview(t, counsellor, caseId, 'out_of_target', INTERVIEW_NOTES);
    await waitForStatus(t, counsellor, caseId, 'closed');
    const closed = await t.http().get(`/api/cases/${caseId}`).set(auth(counsellor));
    expect(closed.body.closedReason).toBe('out_of_target');
  });

  it('hides a case from a counsellor it is not assigned to, and from companies', async () => {
    const { caseId } = await openCase(t, counsellor);
    const foreign = await t.http().get(`/api/cases/${caseId}`).set(auth(otherCounsellor));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    const timeline = await t.http().get(`/api/cases/${caseId}/timeline`).set(auth(otherCounsellor));
    expect(timeline.status).toBe(404);
    const list = await t.http().get('/api/cases').set(auth(otherCounsellor));
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(caseId);
    const interview = await t
      .http()
      .post(`/api/cases/${caseId}/interviews`)
      .set(auth(otherCounsellor))
      .send({ scheduledAt: '2026-01-10T09:00:00Z' });
    expect(interview.status).toBe(404);
    expect(await caseStatus(t, coordinator, caseId)).toBe('intake');
  });

  it('puts a case on hold, resumes it where it was, and closes it with a reason', async () => {
    const { caseId } = await openCase(t, counsellor);
    await holdInterview(t, counsellor, caseId, 'ready_for_placement', INTERVIEW_NOTES);
    await waitForStatus(t, counsellor, caseId, 'orientation');

    const hold = await t
      .http()
      .post(`/api/cases/${caseId}/transitions`)
      .set(auth(counsellor))
      .send({ to: 'on_hold', reason: 'health' });
    expect(hold.status).toBe(202);
    await waitForStatus(t, counsellor, caseId, 'on_hold');

    const again = await t
      .http()
      .post(`/api/cases/${caseId}/transitions`)
      .set(auth(counsellor))
      .send({ to: 'on_hold' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CASE_INVALID_TRANSITION');

    const resume = await t
      .http()
      .post(`/api/cases/${caseId}/transitions`)
      .set(auth(counsellor))
      .send({ to: 'resume' });
    expect(resume.status).toBe(202);
    await waitForStatus(t, counsellor, caseId, 'orientation');

    const noReason = await t
      .http()
      .post(`/api/cases/${caseId}/transitions`)
      .set(auth(counsellor))
      .send({ to: 'closed' });
    expect(noReason.status).toBe(400);
    const direct = await t
      .http()
      .post(`/api/cases/${caseId}/transitions`)
      .set(auth(counsellor))
      .send({ to: 'placed' });
    expect(direct.status).toBe(409);

    const close = await t
      .http()
      .post(`/api/cases/${caseId}/transitions`)
      .set(auth(counsellor))
      .send({ to: 'closed', reason: 'dropped_out' });
    expect(close.status).toBe(202);
    await waitForStatus(t, counsellor, caseId, 'closed');
    const closed = await t.http().get(`/api/cases/${caseId}`).set(auth(counsellor));
    expect(closed.body.closedReason).toBe('dropped_out');

    const timeline = await t.http().get(`/api/cases/${caseId}/timeline`).set(auth(counsellor));
    expect(timeline.body.total).toBe(5);
    expect(timeline.body.items.map((event: { type: string }) => event.type)).toEqual([
      'case.opened',
      'interview.held',
      'manual.on_hold',
      'manual.resume',
      'manual.close',
    ]);

    const second = await t.http().get(`/api/cases/${caseId}/timeline?limit=1&page=2`).set(auth(counsellor));
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ type: 'interview.held' })],
      total: 5,
      page: 2,
      limit: 1,
    });
    const tail = await t.http().get(`/api/cases/${caseId}/timeline?limit=2&page=3`).set(auth(counsellor));
    expect(tail.body.items.map((event: { type: string }) => event.type)).toEqual(['manual.close']);
    expect((await t.http().get(`/api/cases/${caseId}/timeline?limit=101`).set(auth(counsellor))).status).toBe(
      400,
    );
  });

  it('lets a coordinator reassign a case, and only a coordinator', async () => {
    const { caseId } = await openCase(t, counsellor);
    const byCounsellor = await t
      .http()
      .patch(`/api/cases/${caseId}`)
      .set(auth(counsellor))
      .send({ counsellorId: otherCounsellor.user.id });
    expect(byCounsellor.status).toBe(403);
    const reassigned = await t
      .http()
      .patch(`/api/cases/${caseId}`)
      .set(auth(coordinator))
      .send({ counsellorId: otherCounsellor.user.id });
    expect(reassigned.status).toBe(200);
    expect((await t.http().get(`/api/cases/${caseId}`).set(auth(otherCounsellor))).status).toBe(200);
    expect((await t.http().get(`/api/cases/${caseId}`).set(auth(counsellor))).status).toBe(404);
  });

  it('refuses bad interview input with the error body and changes nothing', async () => {
    const { caseId } = await openCase(t, counsellor);
    const bad = await t
      .http()
      .post(`/api/cases/${caseId}/interviews`)
      .set(auth(counsellor))
      .send({ scheduledAt: 'tomorrow', status: 'held' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: 'Validation failed' });
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['scheduledAt', 'status']);
    const list = await t.http().get(`/api/cases/${caseId}/interviews`).set(auth(counsellor));
    expect(list.body).toMatchObject({ items: [], total: 0, page: 1, limit: 20 });
  });

  it('filters cases by status', async () => {
    const list = await t.http().get('/api/cases?status=closed&limit=100').set(auth(counsellor));
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((item: { status: string }) => item.status === 'closed')).toBe(true);
    const bad = await t.http().get('/api/cases?status=nonsense').set(auth(counsellor));
    expect(bad.status).toBe(400);
    const tooMany = await t.http().get('/api/cases?limit=1000').set(auth(counsellor));
    expect(tooMany.status).toBe(400);
  });
});
