import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { caseInOrientation, caseStatus, moveCase, waitForStatus } from './support/cases.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

const NEXT_YEAR = `${new Date().getUTCFullYear() + 1}`;
const ACTION_PLAN = { actionPlan: 'Training, then job search' };

/** One person walked through each of the programme's routes, over HTTP only, as the users would. */
describe('journeys through the programme', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let coordinator: TestUser;
  let company: TestUser;
  let companyId: string;

  const as = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
  const metrics = async () => (await t.http().get('/api/metrics').set(as(coordinator))).body;
  const timelineOf = async (caseId: string) =>
    (
      (await t.http().get(`/api/cases/${caseId}/timeline`).set(as(counsellor))).body.items as Array<{
        type: string;
        toState: string | null;
      }>
    ).map((event) => `${event.type}${event.toState ? ` -> ${event.toState}` : ''}`);

  /** A new course from 10 January next year: the case enrolls, is in training, then leaves it as `ending` says. */
  async function throughTraining(
    caseId: string,
    course: Record<string, unknown>,
    ending: Record<string, unknown>,
  ): Promise<void> {
    const created = await t
      .http()
      .post('/api/courses')
      .set(as(coordinator))
      .send({ startsOn: `${NEXT_YEAR}-01-10`, ...course });
    expect(created.status).toBe(201);
    const enrollment = await t
      .http()
      .post(`/api/courses/${created.body.id}/enrollments`)
      .set(as(counsellor))
      .send({ caseId });
    expect(enrollment.status).toBe(201);
    await waitForStatus(t, counsellor, caseId, 'training');
    const ended = await t
      .http()
      .patch(`/api/enrollments/${enrollment.body.id}`)
      .set(as(counsellor))
      .send(ending);
    expect(ended.status).toBe(200);
    await waitForStatus(t, counsellor, caseId, 'job_search');
  }

  beforeAll(async () => {
    t = await createTestApp();
    counsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    companyId = await t.createCompany({ employees: 12 });
    company = await t.userToken(Role.COMPANY, { companyId });
  });

  afterAll(async () => {
    await t.close();
  });

  it('intake -> orientation -> training -> job search -> hired through a proposal', async () => {
    const before = await metrics();
    const caseId = await caseInOrientation(t, counsellor, { triage: 'needs_training', details: ACTION_PLAN });

    await throughTraining(
      caseId,
      {
        title: 'Carrellista',
        provider: 'Ente di formazione',
        hours: 40,
        endsOn: `${NEXT_YEAR}-02-10`,
        capacity: 12,
      },
      { status: 'completed', qualification: 'Patentino carrellista' },
    );

    const opening = await t
      .http()
      .post(`/api/companies/${companyId}/openings`)
      .set(as(company))
      .send({
        title: 'Magazziniere',
        description: 'Turni diurni',
        positions: 1,
        contractType: 'fixed_term',
        municipality: 'Bologna',
        closesOn: `${NEXT_YEAR}-12-31`,
        skills: ['forklift'],
      });
    expect(opening.status).toBe(201);
    const proposal = await t
      .http()
      .post(`/api/openings/${opening.body.id}/proposals`)
      .set(as(counsellor))
      .send({ caseId, note: 'Reliable, just qualified on forklifts' });
    expect(proposal.status).toBe(201);
    const interviewing = await t
      .http()
      .patch(`/api/proposals/${proposal.body.id}`)
      .set(as(company))
      .send({ status: 'interviewing', feedback: 'Good call' });
    expect(interviewing.status).toBe(200);
    const hired = await t
      .http()
      .patch(`/api/proposals/${proposal.body.id}`)
      .set(as(company))
      .send({
        status: 'hired',
        feedback: 'Starts Monday',
        placement: { contractType: 'fixed_term', startsOn: `${NEXT_YEAR}-03-01`, hoursPerWeek: 38 },
      });
    expect(hired.status).toBe(200);
    await waitForStatus(t, counsellor, caseId, 'placed');

    expect(await timelineOf(caseId)).toEqual([
      'case.opened',
      'interview.held -> orientation',
      'enrollment.created -> training',
      'enrollment.ended -> job_search',
      'proposal.created',
      'placement.recorded -> placed',
    ]);
    const after = await waitFor(async () => {
      const now = await metrics();
      return now.placements === before.placements + 1 && now;
    });
    expect(after.peoplePlaced).toBe(before.peoplePlaced + 1);
    expect(after.enrollmentsCompleted).toBe(before.enrollmentsCompleted + 1);
    const followUps = await t
      .http()
      .get(`/api/follow-ups?caseId=${caseId}&status=all&due=2100-01-01`)
      .set(as(counsellor));
    expect(
      followUps.body.items.map(
        (item: { monthsAfterPlacement?: number; monthsAfter?: number }) =>
          item.monthsAfterPlacement ?? item.monthsAfter,
      ),
    ).toEqual([3, 6, 12]);
  });

  it('intake -> orientation -> internship -> hired by the host', async () => {
    const before = await metrics();
    const caseId = await caseInOrientation(t, counsellor, { details: ACTION_PLAN });
    const internship = await t
      .http()
      .post(`/api/cases/${caseId}/internships`)
      .set(as(counsellor))
      .send({
        companyId,
        startsOn: `${NEXT_YEAR}-01-01`,
        endsOn: `${NEXT_YEAR}-04-30`,
        monthlyAllowance: 500,
        tutorName: 'Giorgio Neri',
      });
    expect(internship.status).toBe(201);
    await waitForStatus(t, counsellor, caseId, 'internship');

    const placement = await t
      .http()
      .post(`/api/cases/${caseId}/placements`)
      .set(as(counsellor))
      .send({ companyId, contractType: 'apprenticeship', startsOn: `${NEXT_YEAR}-05-01`, hoursPerWeek: 40 });
    expect(placement.status).toBe(201);
    await waitForStatus(t, counsellor, caseId, 'placed');
    const ended = await t
      .http()
      .patch(`/api/internships/${internship.body.id}`)
      .set(as(counsellor))
      .send({ status: 'completed', outcome: 'Hired by the host' });
    expect(ended.status).toBe(200);
    await waitFor(async () => (await timelineOf(caseId)).includes('internship.ended'));
    expect(await caseStatus(t, counsellor, caseId)).toBe('placed');

    const after = await metrics();
    expect(after.internshipsStarted).toBe(before.internshipsStarted + 1);
    expect(after.placements).toBe(before.placements + 1);
    const history = await t.http().get(`/api/companies/${companyId}`).set(as(coordinator));
    expect(history.status).toBe(200);
  });

  it('intake -> orientation -> self-employment -> grant -> business started', async () => {
    const before = await metrics();
    const caseId = await caseInOrientation(t, counsellor, { details: ACTION_PLAN });
    const line = await t
      .http()
      .post('/api/funding-lines')
      .set(as(coordinator))
      .send({
        code: `BO4.4.8.1.${Date.now()}`,
        name: 'Autoimprenditorialità',
        fund: 'FSE+',
        cup: 'F31D23000140007',
        programmedAmount: 4000000,
      });
    expect(line.status).toBe(201);
    const grant = await t.http().post(`/api/cases/${caseId}/grants`).set(as(counsellor)).send({
      businessName: 'Sartoria Amina',
      atecoCode: '14.13',
      planSummary: 'Tailoring and alterations',
      requestedAmount: 5000,
      fundingLineId: line.body.id,
    });
    expect(grant.status).toBe(201);
    expect((await t.http().post(`/api/grants/${grant.body.id}/submit`).set(as(counsellor))).status).toBe(200);
    await waitForStatus(t, counsellor, caseId, 'self_employment');
    expect(
      (
        await t
          .http()
          .post(`/api/grants/${grant.body.id}/approve`)
          .set(as(coordinator))
          .send({ approvedAmount: 4500.5 })
      ).status,
    ).toBe(200);
    const paid = await t
      .http()
      .post(`/api/grants/${grant.body.id}/disbursements`)
      .set(as(coordinator))
      .send({ amount: 2250.25, paidOn: `${NEXT_YEAR}-01-15` });
    expect(paid.status).toBe(201);
    const started = await t
      .http()
      .post(`/api/grants/${grant.body.id}/business-started`)
      .set(as(counsellor))
      .send({ startedOn: `${NEXT_YEAR}-02-01`, vatNumber: '12345678903' });
    expect(started.status).toBe(200);
    await waitForStatus(t, counsellor, caseId, 'placed');

    const after = await waitFor(async () => {
      const now = await metrics();
      return now.placements === before.placements + 1 && now;
    });
    expect(after.grantsDisbursed).toBe(before.grantsDisbursed + 1);
    expect(after.grantsDisbursedAmount).toBeCloseTo(before.grantsDisbursedAmount + 2250.25, 2);
    const lines = await t.http().get(`/api/funding-lines/${line.body.id}`).set(as(coordinator));
    expect(lines.body).toMatchObject({
      programmedAmount: 4000000,
      committedAmount: 4500.5,
      disbursedAmount: 2250.25,
    });
    const placements = await t.http().get(`/api/cases/${caseId}/placements`).set(as(counsellor));
    expect(placements.body.items.map((item: { contractType: string }) => item.contractType)).toEqual([
      'self_employment',
    ]);
  });

  it('a drop-out: training abandoned, case closed with its reason', async () => {
    const before = await metrics();
    const caseId = await caseInOrientation(t, counsellor, { triage: 'needs_training', details: ACTION_PLAN });
    await throughTraining(
      caseId,
      { title: 'Italiano L2', provider: 'CPIA', hours: 60, endsOn: `${NEXT_YEAR}-03-10`, capacity: 20 },
      { status: 'dropped' },
    );
    await moveCase(t, counsellor, caseId, { to: 'closed', reason: 'dropped_out' });
    await waitForStatus(t, counsellor, caseId, 'closed');
    expect((await t.http().get(`/api/cases/${caseId}`).set(as(counsellor))).body.closedReason).toBe(
      'dropped_out',
    );
    const reopenMove = await t
      .http()
      .post(`/api/cases/${caseId}/transitions`)
      .set(as(counsellor))
      .send({ to: 'on_hold' });
    expect(reopenMove.status).toBe(409);
    const after = await metrics();
    expect(after.enrollmentsCompleted).toBe(before.enrollmentsCompleted);
    expect(after.casesByState.closed).toBe((before.casesByState.closed ?? 0) + 1);
  });
});
