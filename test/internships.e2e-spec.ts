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
import { createOpening } from './support/openings.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

/** Who the person is decides the longest internship allowed. */
const STANDARD = { employmentStatus: 'unemployed', vulnerabilities: [], disability: false };
const DISADVANTAGED = { employmentStatus: 'unemployed', vulnerabilities: ['migrant'], disability: false };
const LONG_TERM_UNEMPLOYED = {
  employmentStatus: 'long_term_unemployed',
  vulnerabilities: [],
  disability: false,
};
const DISABILITY = { employmentStatus: 'unemployed', vulnerabilities: [], disability: true };

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('internships (tirocini) under the Emilia-Romagna rules', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;
  let coordinator: TestUser;
  let companyUser: TestUser;
  /** A host large enough (quota 10) that tests of other rules never meet the quota. */
  let bigHost: string;

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

  /** A new case of the counsellor's; who the person is decides the longest internship allowed. */
  const newCase = async (person: Record<string, unknown> = STANDARD) =>
    (await openCase(t, counsellor, person)).caseId;

  const internshipBody = (companyId: string, overrides: Record<string, unknown> = {}) => ({
    companyId,
    startsOn: '2026-03-01',
    endsOn: '2026-08-31',
    monthlyAllowance: 450,
    tutorName: 'Giulia Neri',
    ...overrides,
  });

  const start = (caseId: string, body: Record<string, unknown>, user: TestUser = counsellor) =>
    t.http().post(`/api/cases/${caseId}/internships`).set(auth(user)).send(body);

  const end = (id: string, body: Record<string, unknown>, user: TestUser = counsellor) =>
    t.http().patch(`/api/internships/${id}`).set(auth(user)).send(body);

  const internshipsOf = async (caseId: string) =>
    Number(
      (await t.dataSource.query('SELECT count(*)::int AS n FROM internships WHERE case_id = $1', [caseId]))[0]
        .n,
    );

  const metrics = async () => (await t.http().get('/api/metrics').set(auth(coordinator))).body;

  beforeAll(async () => {
    t = await createTestApp();
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    bigHost = await t.createCompany({ employees: 100 });
    companyUser = await t.userToken(Role.COMPANY, { companyId: bigHost });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('the workflow', () => {
    it('moves a case from orientation to internship, counts it, and back to job_search when it ends without a hire', async () => {
      const before = await metrics();
      const caseId = await caseInOrientation(t, counsellor, { person: STANDARD });
      const started = await start(caseId, internshipBody(bigHost, { monthlyAllowance: 450.5 }));
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({
        caseId,
        companyId: bigHost,
        openingId: null,
        startsOn: '2026-03-01',
        endsOn: '2026-08-31',
        monthlyAllowance: 450.5,
        tutorName: 'Giulia Neri',
        status: 'active',
        outcome: null,
        endedAt: null,
      });
      const [stored] = await t.dataSource.query(
        'SELECT monthly_allowance_cents::text AS cents FROM internships WHERE id = $1',
        [started.body.id],
      );
      expect(stored.cents).toBe('45050');

      await waitForStatus(t, counsellor, caseId, 'internship');
      await waitFor(async () => (await metrics()).internshipsStarted === before.internshipsStarted + 1, {
        message: 'internshipsStarted counted',
      });

      const ended = await end(started.body.id, {
        status: 'completed',
        outcome: 'Good progress, no opening now',
      });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({
        status: 'completed',
        outcome: 'Good progress, no opening now',
        endedAt: expect.any(String),
      });
      await waitForStatus(t, counsellor, caseId, 'job_search');

      const timeline = await settled(t, counsellor, caseId);
      expect(timeline.filter((event) => event.type.startsWith('internship.'))).toEqual([
        expect.objectContaining({
          type: 'internship.started',
          payload: { internshipId: started.body.id, companyId: bigHost },
          fromState: 'orientation',
          toState: 'internship',
        }),
        expect.objectContaining({
          type: 'internship.ended',
          payload: {
            internshipId: started.body.id,
            internshipStatus: 'completed',
            endedWithPlacement: false,
          },
          fromState: 'internship',
          toState: 'job_search',
        }),
      ]);
      const after = await metrics();
      expect(after.internshipsStarted).toBe(before.internshipsStarted + 1);

      const one = await t.http().get(`/api/internships/${started.body.id}`).set(auth(coordinator));
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: started.body.id, status: 'completed' });
      const list = await t.http().get(`/api/cases/${caseId}/internships`).set(auth(counsellor));
      expect(list.status).toBe(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([started.body.id]);
    });

    it('leaves the case to the placement when the internship ends in a hire by its host', async () => {
      const host = await t.createCompany({ employees: 12 });
      const caseId = await caseInOrientation(t, counsellor, { person: STANDARD });
      const started = await start(caseId, internshipBody(host));
      expect(started.status).toBe(201);
      await waitForStatus(t, counsellor, caseId, 'internship');

      const placement = await t
        .http()
        .post(`/api/cases/${caseId}/placements`)
        .set(auth(counsellor))
        .send({ companyId: host, contractType: 'fixed_term', startsOn: '2026-09-01', hoursPerWeek: 38 });
      expect(placement.status).toBe(201);
      await waitForStatus(t, counsellor, caseId, 'placed');

      const ended = await end(started.body.id, {
        status: 'completed',
        outcome: 'Hired on a fixed-term contract',
      });
      expect(ended.status).toBe(200);
      const timeline = await settled(t, counsellor, caseId);
      expect(timeline.at(-1)).toMatchObject({
        type: 'internship.ended',
        payload: { internshipStatus: 'completed', endedWithPlacement: true },
        toState: null,
      });
      expect(await caseStatus(t, counsellor, caseId)).toBe('placed');
    });

    it('refuses to start an internship on a closed case', async () => {
      const caseId = await newCase();
      await moveCase(t, counsellor, caseId, { to: 'closed', reason: 'dropped_out' });
      await waitForStatus(t, counsellor, caseId, 'closed');
      const refused = await start(caseId, internshipBody(bigHost));
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'INTERNSHIP_CASE_CLOSED' });
      expect(await internshipsOf(caseId)).toBe(0);
    });
  });

  describe('the regional rules', () => {
    it('refuses 449.99 euros a month with the rule named, and accepts 450', async () => {
      const caseId = await newCase();
      const refused = await start(caseId, internshipBody(bigHost, { monthlyAllowance: 449.99 }));
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        statusCode: 400,
        code: 'INTERNSHIP_ALLOWANCE_TOO_LOW',
        message: 'The monthly allowance is at least 450.00 euros; requested 449.99',
        details: { rule: 'minimumAllowance', limit: 450, requested: 449.99 },
      });
      expect(await internshipsOf(caseId)).toBe(0);
      expect((await start(caseId, internshipBody(bigHost, { monthlyAllowance: 450 }))).status).toBe(201);
    });

    it('refuses an internship shorter than two months: one month and 29 days', async () => {
      const caseId = await newCase();
      const refused = await start(caseId, internshipBody(bigHost, { endsOn: '2026-04-29' }));
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'INTERNSHIP_TOO_SHORT',
        message: 'An internship lasts at least 2 months; requested 1 month and 29 days',
        details: { rule: 'minimumLength', limit: 2, requested: { months: 1, days: 29 } },
      });
      expect(await internshipsOf(caseId)).toBe(0);
      expect((await start(caseId, internshipBody(bigHost, { endsOn: '2026-04-30' }))).status).toBe(201);
    });

    it.each([
      ['no disadvantage recorded', 6, STANDARD, '2026-08-31', '2026-09-01', 'standard'],
      ['a vulnerability', 12, DISADVANTAGED, '2027-02-28', '2027-03-01', 'disadvantaged'],
      ['long-term unemployment', 12, LONG_TERM_UNEMPLOYED, '2027-02-28', '2027-03-01', 'disadvantaged'],
      ['a disability', 24, DISABILITY, '2028-02-29', '2028-03-01', 'disability'],
    ])(
      'allows a person with %s at most %i months from 2026-03-01, not a day more',
      async (_name, months, person, lastAllowed, firstRefused, category) => {
        const caseId = await newCase(person);
        const refused = await start(caseId, internshipBody(bigHost, { endsOn: firstRefused }));
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({
          code: 'INTERNSHIP_TOO_LONG',
          details: { rule: 'maximumLength', limit: months, requested: { months, days: 1 }, category },
        });
        expect(await internshipsOf(caseId)).toBe(0);
        expect((await start(caseId, internshipBody(bigHost, { endsOn: lastAllowed }))).status).toBe(201);
      },
    );

    it('explains a fourteen-month internship refused to a disadvantaged person', async () => {
      const caseId = await newCase(DISADVANTAGED);
      const refused = await start(caseId, internshipBody(bigHost, { endsOn: '2027-04-30' }));
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe(
        'An internship for this person lasts at most 12 months (disadvantaged); requested 14 months',
      );
    });

    it('holds a small host to one intern at a time, and frees the slot when an internship ends', async () => {
      const host = await t.createCompany({ employees: 5 });
      const first = await start(await newCase(), internshipBody(host));
      expect(first.status).toBe(201);

      const secondCase = await newCase();
      const overlapping = await start(
        secondCase,
        internshipBody(host, { startsOn: '2026-08-31', endsOn: '2026-12-31' }),
      );
      expect(overlapping.status).toBe(409);
      expect(overlapping.body).toMatchObject({
        statusCode: 409,
        code: 'INTERNSHIP_HOST_QUOTA_EXCEEDED',
        message:
          'A host company with 5 employees may have at most 1 concurrent intern; with this internship it would have 2',
        details: { rule: 'hostQuota', limit: 1, requested: 2, employees: 5 },
      });
      expect(await internshipsOf(secondCase)).toBe(0);

      const afterwards = await start(
        secondCase,
        internshipBody(host, { startsOn: '2026-09-01', endsOn: '2026-12-31' }),
      );
      expect(afterwards.status).toBe(201);

      const thirdCase = await newCase();
      expect((await start(thirdCase, internshipBody(host))).status).toBe(409);
      expect(
        (await end(first.body.id, { status: 'interrupted', outcome: 'Moved to another city' })).status,
      ).toBe(200);
      expect((await start(thirdCase, internshipBody(host))).status).toBe(201);
    });

    it('lets a host with 6 employees take two interns at once but not three', async () => {
      const host = await t.createCompany({ employees: 6 });
      expect((await start(await newCase(), internshipBody(host))).status).toBe(201);
      expect((await start(await newCase(), internshipBody(host))).status).toBe(201);
      const third = await start(await newCase(), internshipBody(host));
      expect(third.status).toBe(409);
      expect(third.body.details).toMatchObject({ limit: 2, requested: 3, employees: 6 });
    });

    it('lets a host with 21 employees take three interns at once but not four', async () => {
      const host = await t.createCompany({ employees: 21 });
      for (let i = 0; i < 3; i++)
        expect((await start(await newCase(), internshipBody(host))).status).toBe(201);
      const fourth = await start(await newCase(), internshipBody(host));
      expect(fourth.status).toBe(409);
      expect(fourth.body.details).toMatchObject({ limit: 3, requested: 4, employees: 21 });
    });

    it('admits exactly one of two simultaneous internships at a host with 3 employees', async () => {
      const host = await t.createCompany({ employees: 3 });
      const cases = [await newCase(), await newCase()];
      const answers = await Promise.all(cases.map((caseId) => start(caseId, internshipBody(host))));
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      expect(answers.find((answer) => answer.status === 409)?.body).toMatchObject({
        code: 'INTERNSHIP_HOST_QUOTA_EXCEEDED',
      });
      const [rows] = await t.dataSource.query(
        `SELECT count(*)::int AS internships,
                (SELECT count(*)::int FROM case_events WHERE type = 'internship.started' AND payload->>'companyId' = $2) AS events
           FROM internships WHERE company_id = $1`,
        [host, host],
      );
      expect(rows).toEqual({ internships: 1, events: 1 });
    });
  });

  describe('bad input, access and conflicts', () => {
    it.each([
      ['an allowance with three decimals', { monthlyAllowance: 450.123 }],
      ['an allowance of zero', { monthlyAllowance: 0 }],
      ['an allowance as a string', { monthlyAllowance: '450' }],
      ['a day that does not exist', { endsOn: '2026-06-31' }],
      ['a malformed company id', { companyId: 'acme' }],
      ['a malformed opening id', { openingId: 'first' }],
      ['an empty tutor name', { tutorName: ' ' }],
      ['no tutor name', { tutorName: undefined }],
      ['an unknown field', { status: 'completed' }],
    ])('refuses %s with 400 and starts nothing', async (_name, overrides) => {
      const caseId = await newCase();
      const refused = await start(caseId, internshipBody(bigHost, overrides));
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(await internshipsOf(caseId)).toBe(0);
    });

    it('refuses an internship that ends before it starts with 400', async () => {
      const caseId = await newCase();
      const refused = await start(
        caseId,
        internshipBody(bigHost, { startsOn: '2026-06-01', endsOn: '2026-05-01' }),
      );
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'INTERNSHIP_DATES_OUT_OF_ORDER',
        details: { rule: 'dateOrder' },
      });
      expect(await internshipsOf(caseId)).toBe(0);
    });

    it('checks the host and its opening', async () => {
      const caseId = await newCase();
      const unknownCompany = await start(caseId, internshipBody(UNKNOWN_ID));
      expect(unknownCompany.status).toBe(404);
      expect(unknownCompany.body).toMatchObject({ code: 'INTERNSHIP_COMPANY_NOT_FOUND' });
      const unknownOpening = await start(caseId, internshipBody(bigHost, { openingId: UNKNOWN_ID }));
      expect(unknownOpening.status).toBe(404);
      expect(unknownOpening.body).toMatchObject({ code: 'INTERNSHIP_OPENING_NOT_FOUND' });
      const foreignOpening = await start(
        caseId,
        internshipBody(bigHost, {
          openingId: await createOpening(t, coordinator, await t.createCompany()),
        }),
      );
      expect(foreignOpening.status).toBe(400);
      expect(foreignOpening.body).toMatchObject({ code: 'INTERNSHIP_OPENING_OF_ANOTHER_COMPANY' });
      expect(await internshipsOf(caseId)).toBe(0);

      const openingId = await createOpening(t, coordinator, bigHost);
      const withOpening = await start(caseId, internshipBody(bigHost, { openingId }));
      expect(withOpening.status).toBe(201);
      expect(withOpening.body.openingId).toBe(openingId);
    });

    it("hides another counsellor's case and its internships (404) and refuses companies (403)", async () => {
      const caseId = await newCase();
      const started = await start(caseId, internshipBody(bigHost));
      expect(started.status).toBe(201);
      const id = started.body.id as string;

      expect((await start(caseId, internshipBody(bigHost), otherCounsellor)).status).toBe(404);
      expect((await t.http().get(`/api/cases/${caseId}/internships`).set(auth(otherCounsellor))).status).toBe(
        404,
      );
      expect((await t.http().get(`/api/internships/${id}`).set(auth(otherCounsellor))).status).toBe(404);
      const foreignEnd = await end(id, { status: 'interrupted' }, otherCounsellor);
      expect(foreignEnd.status).toBe(404);
      expect(foreignEnd.body).toMatchObject({ code: 'INTERNSHIP_NOT_FOUND' });

      expect((await start(caseId, internshipBody(bigHost), companyUser)).status).toBe(403);
      expect((await t.http().get(`/api/internships/${id}`).set(auth(companyUser))).status).toBe(403);
      expect((await t.http().get(`/api/cases/${caseId}/internships`).set(auth(companyUser))).status).toBe(
        403,
      );
      expect((await end(id, { status: 'interrupted' }, companyUser)).status).toBe(403);

      expect(await internshipsOf(caseId)).toBe(1);
      const unchanged = await t.http().get(`/api/internships/${id}`).set(auth(counsellor));
      expect(unchanged.body.status).toBe('active');

      expect((await start(await newCase(), internshipBody(bigHost), coordinator)).status).toBe(201);
      expect((await t.http().get(`/api/internships/${UNKNOWN_ID}`).set(auth(coordinator))).status).toBe(404);
    });

    it('ends an internship once, as completed or interrupted only', async () => {
      const caseId = await newCase();
      const started = await start(caseId, internshipBody(bigHost));
      expect(started.status).toBe(201);
      const id = started.body.id as string;

      expect((await end(id, { status: 'active' })).status).toBe(400);
      expect((await end(id, { status: 'finished' })).status).toBe(400);
      expect((await end(id, { status: 'completed', outcome: 'x'.repeat(501) })).status).toBe(400);
      expect((await end(id, { status: 'completed', monthlyAllowance: 900 })).status).toBe(400);
      const unchanged = await t.http().get(`/api/internships/${id}`).set(auth(counsellor));
      expect(unchanged.body).toMatchObject({
        status: 'active',
        outcome: null,
        endedAt: null,
        monthlyAllowance: 450,
      });

      const interrupted = await end(id, { status: 'interrupted', outcome: 'x'.repeat(500) });
      expect(interrupted.status).toBe(200);
      expect(interrupted.body.status).toBe('interrupted');
      const again = await end(id, { status: 'completed' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: 'INTERNSHIP_ALREADY_ENDED',
        details: { status: 'interrupted' },
      });

      const timeline = await settled(t, counsellor, caseId);
      expect(timeline.filter((event) => event.type === 'internship.ended')).toEqual([
        expect.objectContaining({
          payload: { internshipId: id, internshipStatus: 'interrupted', endedWithPlacement: false },
        }),
      ]);
    });
  });
});
