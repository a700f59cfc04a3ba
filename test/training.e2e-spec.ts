import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import {
  caseInOrientation,
  caseStatus,
  moveCase,
  openCase,
  settled,
  waitForStatus,
} from './support/cases.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

describe('training: courses and enrollments', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;
  let coordinator: TestUser;
  let companyUser: TestUser;

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
  const admin = () => ({ Authorization: `Bearer ${t.adminToken}` });

  const courseBody = (overrides: Record<string, unknown> = {}) => ({
    title: 'Forklift operator licence',
    provider: 'Fondazione Aldini Valeriani',
    hours: 40,
    startsOn: '2026-04-01',
    endsOn: '2026-04-30',
    capacity: 10,
    ...overrides,
  });

  async function createCourse(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await t.http().post('/api/courses').set(auth(coordinator)).send(courseBody(overrides));
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  const enroll = (courseId: string, caseId: string, user: TestUser = counsellor) =>
    t.http().post(`/api/courses/${courseId}/enrollments`).set(auth(user)).send({ caseId });

  const endEnrollment = (id: string, body: Record<string, unknown>, user: TestUser = counsellor) =>
    t.http().patch(`/api/enrollments/${id}`).set(auth(user)).send(body);

  const metrics = async () => (await t.http().get('/api/metrics').set(auth(coordinator))).body;

  const countRows = async (table: 'courses' | 'enrollments') =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    companyUser = await t.userToken(Role.COMPANY, { companyId: await t.createCompany() });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('the course catalogue', () => {
    it('creates a course as a coordinator and shows it with its free seats', async () => {
      const created = await t.http().post('/api/courses').set(auth(coordinator)).send(courseBody());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        ...courseBody(),
        id: expect.any(String),
        enrolled: 0,
        seatsLeft: 10,
      });

      const one = await t.http().get(`/api/courses/${created.body.id}`).set(auth(counsellor));
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: created.body.id, capacity: 10, enrolled: 0, seatsLeft: 10 });

      const list = await t.http().get('/api/courses?limit=100').set(auth(counsellor));
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ page: 1, limit: 100, total: expect.any(Number) });
      expect(list.body.items.map((course: { id: string }) => course.id)).toContain(created.body.id);
    });

    it('accepts a one-day course, and lets an admin create courses too', async () => {
      const oneDay = await t
        .http()
        .post('/api/courses')
        .set(admin())
        .send(courseBody({ startsOn: '2026-05-04', endsOn: '2026-05-04', hours: 8 }));
      expect(oneDay.status).toBe(201);
      expect(oneDay.body).toMatchObject({ startsOn: '2026-05-04', endsOn: '2026-05-04' });
    });

    it('pages the catalogue', async () => {
      await createCourse({ title: 'Paged A' });
      await createCourse({ title: 'Paged B' });
      const first = await t.http().get('/api/courses?page=1&limit=1').set(auth(counsellor));
      const second = await t.http().get('/api/courses?page=2&limit=1').set(auth(counsellor));
      expect(first.body.items).toHaveLength(1);
      expect(second.body.items).toHaveLength(1);
      expect(first.body.items[0].id).not.toBe(second.body.items[0].id);
      const tooMany = await t.http().get('/api/courses?limit=101').set(auth(counsellor));
      expect(tooMany.status).toBe(400);
    });

    it.each([
      ['hours of zero', { hours: 0 }],
      ['fractional hours', { hours: 1.5 }],
      ['a capacity of zero', { capacity: 0 }],
      ['a negative capacity', { capacity: -3 }],
      ['a capacity as a string', { capacity: '10' }],
      ['a day that does not exist', { startsOn: '2026-02-30' }],
      ['an empty title', { title: '   ' }],
      ['an unknown field', { enrolled: 5 }],
    ])('refuses %s with 400 and creates nothing', async (_name, overrides) => {
      const before = await countRows('courses');
      const refused = await t.http().post('/api/courses').set(auth(coordinator)).send(courseBody(overrides));
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(await countRows('courses')).toBe(before);
    });

    it('refuses a course that ends before it starts with 400 and creates nothing', async () => {
      const before = await countRows('courses');
      const refused = await t
        .http()
        .post('/api/courses')
        .set(auth(coordinator))
        .send(courseBody({ startsOn: '2026-05-10', endsOn: '2026-05-09' }));
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'COURSE_DATES_OUT_OF_ORDER' });
      expect(await countRows('courses')).toBe(before);
    });

    it('lets only coordinators and admins create courses, and hides the catalogue from companies', async () => {
      const before = await countRows('courses');
      const byCounsellor = await t.http().post('/api/courses').set(auth(counsellor)).send(courseBody());
      expect(byCounsellor.status).toBe(403);
      const byCompany = await t.http().post('/api/courses').set(auth(companyUser)).send(courseBody());
      expect(byCompany.status).toBe(403);
      expect(await countRows('courses')).toBe(before);

      const courseId = await createCourse();
      expect((await t.http().get('/api/courses').set(auth(companyUser))).status).toBe(403);
      expect((await t.http().get(`/api/courses/${courseId}`).set(auth(companyUser))).status).toBe(403);
      expect((await t.http().get('/api/courses')).status).toBe(401);
    });

    it('answers 404 for an unknown course and 400 for a malformed id', async () => {
      const unknown = await t
        .http()
        .get('/api/courses/00000000-0000-4000-8000-000000000000')
        .set(auth(counsellor));
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'COURSE_NOT_FOUND' });
      expect((await t.http().get('/api/courses/not-a-uuid').set(auth(counsellor))).status).toBe(400);
    });
  });

  describe('enrollments and the workflow', () => {
    it('moves a case from orientation to training, and to job_search when its course is completed', async () => {
      const before = await metrics();
      const caseId = await caseInOrientation(t, counsellor, { triage: 'needs_training' });
      const courseId = await createCourse({ capacity: 3 });

      const enrolled = await enroll(courseId, caseId);
      expect(enrolled.status).toBe(201);
      expect(enrolled.body).toMatchObject({
        courseId,
        caseId,
        status: 'active',
        qualification: null,
        endedAt: null,
      });
      await waitForStatus(t, counsellor, caseId, 'training');
      const course = await t.http().get(`/api/courses/${courseId}`).set(auth(counsellor));
      expect(course.body).toMatchObject({ enrolled: 1, seatsLeft: 2 });

      const completed = await endEnrollment(enrolled.body.id, {
        status: 'completed',
        qualification: 'Forklift operator licence',
      });
      expect(completed.status).toBe(200);
      expect(completed.body).toMatchObject({
        status: 'completed',
        qualification: 'Forklift operator licence',
        endedAt: expect.any(String),
      });
      await waitForStatus(t, counsellor, caseId, 'job_search');
      const after = await waitFor(async () => {
        const now = await metrics();
        return now.enrollmentsCompleted === before.enrollmentsCompleted + 1 && now;
      });
      expect(after.casesByState.job_search).toBe((before.casesByState.job_search ?? 0) + 1);

      // A completed course keeps its seat.
      const seats = await t.http().get(`/api/courses/${courseId}`).set(auth(counsellor));
      expect(seats.body).toMatchObject({ enrolled: 1, seatsLeft: 2 });

      const timeline = await settled(t, counsellor, caseId);
      const events = timeline.filter((event) => event.type.startsWith('enrollment.'));
      expect(events).toEqual([
        expect.objectContaining({
          type: 'enrollment.created',
          payload: { enrollmentId: enrolled.body.id, courseId },
          fromState: 'orientation',
          toState: 'training',
        }),
        expect.objectContaining({
          type: 'enrollment.ended',
          payload: {
            enrollmentId: enrolled.body.id,
            enrollmentStatus: 'completed',
            otherActiveEnrollments: 0,
            qualification: 'Forklift operator licence',
          },
          fromState: 'training',
          toState: 'job_search',
        }),
      ]);

      // From job_search a new course takes the case back to training.
      const again = await enroll(await createCourse(), caseId);
      expect(again.status).toBe(201);
      await waitForStatus(t, counsellor, caseId, 'training');

      const list = await t.http().get(`/api/cases/${caseId}/enrollments`).set(auth(counsellor));
      expect(list.status).toBe(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([
        enrolled.body.id,
        again.body.id,
      ]);
      const one = await t.http().get(`/api/enrollments/${again.body.id}`).set(auth(coordinator));
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: again.body.id, status: 'active' });
    });

    it('keeps the case in training while another enrollment is active, and counts only completions', async () => {
      const before = await metrics();
      const caseId = await caseInOrientation(t, counsellor, { triage: 'needs_training' });
      const first = await enroll(await createCourse(), caseId);
      const second = await enroll(await createCourse(), caseId);
      expect([first.status, second.status]).toEqual([201, 201]);
      await waitForStatus(t, counsellor, caseId, 'training');

      const dropped = await endEnrollment(first.body.id, { status: 'dropped' });
      expect(dropped.status).toBe(200);
      expect(dropped.body).toMatchObject({ status: 'dropped', qualification: null });
      const timeline = await settled(t, counsellor, caseId);
      expect(timeline.at(-1)).toMatchObject({
        type: 'enrollment.ended',
        payload: { enrollmentStatus: 'dropped', otherActiveEnrollments: 1, qualification: null },
        toState: null,
      });
      expect(await caseStatus(t, counsellor, caseId)).toBe('training');

      const dropsSecond = await endEnrollment(second.body.id, { status: 'dropped' });
      expect(dropsSecond.status).toBe(200);
      await waitForStatus(t, counsellor, caseId, 'job_search');
      await settled(t, counsellor, caseId);
      expect((await metrics()).enrollmentsCompleted).toBe(before.enrollmentsCompleted);
    });

    it('gives a dropped seat back and keeps a completed one', async () => {
      const courseId = await createCourse({ capacity: 1 });
      const [a, b, c] = [
        (await openCase(t, counsellor)).caseId,
        (await openCase(t, counsellor)).caseId,
        (await openCase(t, counsellor)).caseId,
      ];
      const first = await enroll(courseId, a);
      expect(first.status).toBe(201);
      const full = await enroll(courseId, b);
      expect(full.status).toBe(409);
      expect(full.body).toMatchObject({
        statusCode: 409,
        code: 'COURSE_FULL',
        details: { capacity: 1, enrolled: 1 },
      });

      expect((await endEnrollment(first.body.id, { status: 'dropped' })).status).toBe(200);
      const course = await t.http().get(`/api/courses/${courseId}`).set(auth(counsellor));
      expect(course.body).toMatchObject({ enrolled: 0, seatsLeft: 1 });
      const second = await enroll(courseId, b);
      expect(second.status).toBe(201);

      expect((await endEnrollment(second.body.id, { status: 'completed' })).status).toBe(200);
      expect((await enroll(courseId, c)).status).toBe(409);
    });

    it('refuses a second active enrollment of a case in the same course', async () => {
      const courseId = await createCourse();
      const { caseId } = await openCase(t, counsellor);
      const first = await enroll(courseId, caseId);
      expect(first.status).toBe(201);
      const twice = await enroll(courseId, caseId);
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'ENROLLMENT_ALREADY_ACTIVE' });
      const list = await t.http().get(`/api/cases/${caseId}/enrollments`).set(auth(counsellor));
      expect(list.body.items).toHaveLength(1);

      // Once that enrollment is over, the case may take the course again.
      expect((await endEnrollment(first.body.id, { status: 'dropped' })).status).toBe(200);
      expect((await enroll(courseId, caseId)).status).toBe(201);
    });

    it('refuses a qualification without completion, a non-final status and a second ending', async () => {
      const { caseId } = await openCase(t, counsellor);
      const enrolled = await enroll(await createCourse(), caseId);
      expect(enrolled.status).toBe(201);
      const id = enrolled.body.id as string;

      const withQualification = await endEnrollment(id, { status: 'dropped', qualification: 'Licence' });
      expect(withQualification.status).toBe(400);
      expect(withQualification.body).toMatchObject({ code: 'ENROLLMENT_QUALIFICATION_WITHOUT_COMPLETION' });
      expect((await endEnrollment(id, { status: 'active' })).status).toBe(400);
      expect((await endEnrollment(id, { status: 'completed', grade: 'A' })).status).toBe(400);
      expect((await endEnrollment(id, {})).status).toBe(400);
      const unchanged = await t.http().get(`/api/enrollments/${id}`).set(auth(counsellor));
      expect(unchanged.body).toMatchObject({ status: 'active', qualification: null, endedAt: null });

      expect((await endEnrollment(id, { status: 'completed' })).status).toBe(200);
      const again = await endEnrollment(id, { status: 'dropped' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: 'ENROLLMENT_ALREADY_ENDED',
        details: { status: 'completed' },
      });
      const timeline = await settled(t, counsellor, caseId);
      expect(timeline.filter((event) => event.type === 'enrollment.ended')).toHaveLength(1);
    });

    it("hides another counsellor's case and its enrollments (404) and refuses companies (403)", async () => {
      const courseId = await createCourse();
      const { caseId } = await openCase(t, counsellor);
      const enrolled = await enroll(courseId, caseId);
      expect(enrolled.status).toBe(201);
      const id = enrolled.body.id as string;

      const foreignEnroll = await enroll(courseId, (await openCase(t, counsellor)).caseId, otherCounsellor);
      expect(foreignEnroll.status).toBe(404);
      expect((await t.http().get(`/api/enrollments/${id}`).set(auth(otherCounsellor))).status).toBe(404);
      expect((await endEnrollment(id, { status: 'dropped' }, otherCounsellor)).status).toBe(404);
      expect((await t.http().get(`/api/cases/${caseId}/enrollments`).set(auth(otherCounsellor))).status).toBe(
        404,
      );

      expect((await enroll(courseId, caseId, companyUser)).status).toBe(403);
      expect((await t.http().get(`/api/enrollments/${id}`).set(auth(companyUser))).status).toBe(403);
      expect((await endEnrollment(id, { status: 'dropped' }, companyUser)).status).toBe(403);

      const unchanged = await t.http().get(`/api/enrollments/${id}`).set(auth(counsellor));
      expect(unchanged.body.status).toBe('active');
      const course = await t.http().get(`/api/courses/${courseId}`).set(auth(counsellor));
      expect(course.body.enrolled).toBe(1);

      // A coordinator enrolls any case.
      expect((await enroll(courseId, (await openCase(t, counsellor)).caseId, coordinator)).status).toBe(201);
    });

    it('answers 404 for an unknown course, case or enrollment, and 400 for a malformed case id', async () => {
      const { caseId } = await openCase(t, counsellor);
      const courseId = await createCourse();
      const before = await countRows('enrollments');
      const unknownCourse = await enroll('00000000-0000-4000-8000-000000000000', caseId);
      expect(unknownCourse.status).toBe(404);
      expect(unknownCourse.body).toMatchObject({ code: 'COURSE_NOT_FOUND' });
      expect((await enroll(courseId, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await enroll(courseId, 'not-a-uuid')).status).toBe(400);
      const unknownField = await t
        .http()
        .post(`/api/courses/${courseId}/enrollments`)
        .set(auth(counsellor))
        .send({ caseId, status: 'completed' });
      expect(unknownField.status).toBe(400);
      const unknownEnrollment = await endEnrollment('00000000-0000-4000-8000-000000000000', {
        status: 'dropped',
      });
      expect(unknownEnrollment.status).toBe(404);
      expect(unknownEnrollment.body).toMatchObject({ code: 'ENROLLMENT_NOT_FOUND' });
      expect(await countRows('enrollments')).toBe(before);
    });

    it('refuses to enroll a closed case', async () => {
      const { caseId } = await openCase(t, counsellor);
      await moveCase(t, counsellor, caseId, { to: 'closed', reason: 'moved_away' });
      await waitForStatus(t, counsellor, caseId, 'closed');
      const refused = await enroll(await createCourse(), caseId);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'ENROLLMENT_CASE_CLOSED' });
      const list = await t.http().get(`/api/cases/${caseId}/enrollments`).set(auth(counsellor));
      expect(list.body).toMatchObject({ items: [], total: 0 });
    });
  });

  describe('capacity under concurrency', () => {
    it('admits exactly `capacity` of capacity + 3 simultaneous enrollments and refuses the rest', async () => {
      const capacity = 5;
      const courseId = await createCourse({ capacity });
      const caseIds: string[] = [];
      for (let i = 0; i < capacity + 3; i++) caseIds.push((await openCase(t, counsellor)).caseId);

      const answers = await Promise.all(caseIds.map((caseId) => enroll(courseId, caseId)));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([...Array(capacity).fill(201), 409, 409, 409]);
      for (const refused of answers.filter((answer) => answer.status === 409)) {
        expect(refused.body).toMatchObject({ code: 'COURSE_FULL' });
      }

      const course = await t.http().get(`/api/courses/${courseId}`).set(auth(counsellor));
      expect(course.body).toMatchObject({ enrolled: capacity, seatsLeft: 0 });
      const [rows] = await t.dataSource.query(
        `SELECT count(*)::int AS enrollments,
                (SELECT count(*)::int FROM case_events WHERE type = 'enrollment.created' AND payload->>'courseId' = $2) AS events
           FROM enrollments WHERE course_id = $1`,
        [courseId, courseId],
      );
      expect(rows).toEqual({ enrollments: capacity, events: capacity });
    });
  });
});
