import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role, vatNumberCheckDigit } from '#app/core';
import pkg from 'codice-fiscale-js';
import { beneficiaryBody } from './support/fixtures.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

const { CodiceFiscale } = pkg as unknown as { CodiceFiscale: typeof pkg.default };

/** A person whose name appears nowhere else in the suite, so its absence after erasure means something. */
const FIRST_NAME = 'Zenobia';
const LAST_NAME = 'Quartararo';
const FISCAL_CODE = CodiceFiscale.compute({
  name: FIRST_NAME,
  surname: LAST_NAME,
  gender: 'F',
  day: 14,
  month: 7,
  year: 1979,
  birthplace: 'Bologna',
  birthplaceProvincia: 'BO',
});
const EMAIL = 'zenobia.quartararo@example.org';
const PHONE = '+39 051 7654321';

/** Free text written about her along the way; none of it may survive erasure. */
const NOTES = {
  interview: 'Zenobia cooked for ten years in a trattoria; wants steady hours',
  actionPlan: 'HACCP course, then kitchen openings near Bolognina',
  holdReason: 'Surgery in March, back in April',
  internshipOutcome: 'Reliable and quick; the chef would hire her',
  proposal: 'Experienced cook, punctual, speaks Italian and Spanish',
  feedback: 'Excellent trial day',
  plan: 'A take-away kitchen for the neighbourhood, run by Zenobia',
  followUp: 'Happy with the job, considering a second shift',
};

/** Tables whose rows the counts and reports are built from: erasure must not add or remove any. */
const COUNTED_TABLES = [
  'beneficiaries',
  'cases',
  'case_events',
  'interviews',
  'courses',
  'enrollments',
  'companies',
  'openings',
  'proposals',
  'internships',
  'placements',
  'follow_ups',
  'funding_lines',
  'grants',
  'disbursements',
  'people_placed',
  'metric_counters',
];

function companyVat(): string {
  const firstTen = `0${String(randomBytes(4).readUInt32BE()).padStart(9, '0').slice(0, 9)}`;
  return `${firstTen}${vatNumberCheckDigit(firstTen)}`;
}

describe('GDPR: export and erasure of a person', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;
  let coordinator: TestUser;
  let companyUser: TestUser;
  let companyId: string;
  let beneficiaryId: string;
  let caseId: string;
  let placementId: string;

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
  const post = (path: string, body: object, user: TestUser = counsellor) =>
    t.http().post(path).set(auth(user)).send(body);
  const patch = (path: string, body: object, user: TestUser = counsellor) =>
    t.http().patch(path).set(auth(user)).send(body);
  const get = (path: string, user: TestUser = coordinator) => t.http().get(path).set(auth(user));

  async function expectCreated(request: Promise<{ status: number; body: { id: string } }>): Promise<string> {
    const response = await request;
    expect(response.status).toBe(201);
    return response.body.id;
  }

  const reachesState = (state: string) =>
    waitFor(async () => (await get(`/api/cases/${caseId}`)).body.status === state, {
      message: `case in ${state}`,
    });

  /** Counters are final once the engine has applied every event written so far. */
  const quiet = () =>
    waitFor(
      async () =>
        Number(
          (
            await t.dataSource.query<Array<{ count: string }>>(
              'SELECT count(*) AS count FROM case_events WHERE applied_at IS NULL',
            )
          )[0].count,
        ) === 0,
      { message: 'every event applied' },
    );

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const [{ count }] = await t.dataSource.query<Array<{ count: string }>>(
        `SELECT count(*) AS count FROM ${table}`,
      );
      counts[table] = Number(count);
    }
    return counts;
  }

  /** Answers stored for writes sent with an Idempotency-Key that still hold her fiscal code. */
  async function storedReplays(): Promise<number> {
    const [{ count }] = await t.dataSource.query<Array<{ count: string }>>(
      'SELECT count(*) AS count FROM idempotency_keys WHERE strpos(response_body::text, $1) > 0',
      [FISCAL_CODE],
    );
    return Number(count);
  }

  const exportAs = (user: TestUser) => get(`/api/beneficiaries/${beneficiaryId}/export`, user);

  /** Registers her and walks her through interview, course, internship, grant, hire and follow-up. */
  async function walkThroughTheProgramme(): Promise<void> {
    const registered = await t
      .http()
      .post('/api/beneficiaries')
      .set(auth(counsellor))
      .set('Idempotency-Key', `gdpr-${randomBytes(4).toString('hex')}`)
      .send(
        beneficiaryBody({
          firstName: FIRST_NAME,
          lastName: LAST_NAME,
          fiscalCode: FISCAL_CODE,
          birthDate: '1979-07-14',
          gender: 'F',
          email: EMAIL,
          phone: PHONE,
          citizenship: 'ES',
          vulnerabilities: ['single_parent'],
          skills: ['cooking', 'HACCP'],
          languages: ['it', 'es'],
        }),
      );
    expect(registered.status).toBe(201);
    beneficiaryId = registered.body.id;
    caseId = await expectCreated(post('/api/cases', { beneficiaryId }));

    const interviewId = await expectCreated(
      post(`/api/cases/${caseId}/interviews`, { scheduledAt: '2025-06-03T09:00:00Z' }),
    );
    const held = await patch(`/api/interviews/${interviewId}`, {
      heldAt: '2025-06-03T09:50:00Z',
      triage: 'needs_training',
      notes: NOTES.interview,
      actionPlan: NOTES.actionPlan,
      skills: ['cooking'],
    });
    expect(held.status).toBe(200);
    await reachesState('orientation');

    expect(
      (await post(`/api/cases/${caseId}/transitions`, { to: 'on_hold', reason: NOTES.holdReason })).status,
    ).toBe(202);
    await reachesState('on_hold');
    expect((await post(`/api/cases/${caseId}/transitions`, { to: 'resume' })).status).toBe(202);
    await reachesState('orientation');

    const courseId = await expectCreated(
      post(
        '/api/courses',
        {
          title: 'HACCP food safety',
          provider: 'Fondazione Aldini Valeriani',
          hours: 40,
          startsOn: '2025-06-15',
          endsOn: '2025-07-15',
          capacity: 20,
        },
        coordinator,
      ),
    );
    const enrollmentId = await expectCreated(post(`/api/courses/${courseId}/enrollments`, { caseId }));
    await reachesState('training');
    const ended = await patch(`/api/enrollments/${enrollmentId}`, {
      status: 'completed',
      qualification: 'HACCP certificate',
    });
    expect(ended.status).toBe(200);
    await reachesState('job_search');

    const internshipId = await expectCreated(
      post(`/api/cases/${caseId}/internships`, {
        companyId,
        startsOn: '2025-09-01',
        endsOn: '2025-11-30',
        monthlyAllowance: 500,
        tutorName: 'Chef Adriano Benassi',
      }),
    );
    await reachesState('internship');
    const internshipEnded = await patch(`/api/internships/${internshipId}`, {
      status: 'completed',
      outcome: NOTES.internshipOutcome,
    });
    expect(internshipEnded.status).toBe(200);
    await reachesState('job_search');

    const fundingLineId = await expectCreated(
      post(
        '/api/funding-lines',
        {
          code: `GDPR-${randomBytes(3).toString('hex')}`,
          name: 'Self-employment grants',
          fund: 'FSE+',
          cup: 'F31D23000140007',
          programmedAmount: 100_000,
        },
        coordinator,
      ),
    );
    const grantId = await expectCreated(
      post(`/api/cases/${caseId}/grants`, {
        businessName: 'Cucina di Quartiere',
        atecoCode: '56.10',
        planSummary: NOTES.plan,
        requestedAmount: 8000,
        fundingLineId,
      }),
    );
    expect((await post(`/api/grants/${grantId}/submit`, {})).status).toBe(200);
    await reachesState('self_employment');
    expect((await post(`/api/grants/${grantId}/approve`, { approvedAmount: 6000 }, coordinator)).status).toBe(
      200,
    );
    expect(
      (
        await post(
          `/api/grants/${grantId}/disbursements`,
          { amount: 2500.5, paidOn: '2025-12-01' },
          coordinator,
        )
      ).status,
    ).toBe(201);

    const openingId = await expectCreated(
      post(
        `/api/companies/${companyId}/openings`,
        {
          title: 'Line cook',
          description: 'Lunch and dinner service',
          positions: 2,
          contractType: 'permanent',
          municipality: 'Bologna',
          closesOn: '2099-12-31',
          skills: ['cooking'],
        },
        coordinator,
      ),
    );
    const proposalId = await expectCreated(
      post(`/api/openings/${openingId}/proposals`, { caseId, note: NOTES.proposal }),
    );
    const hired = await patch(
      `/api/proposals/${proposalId}`,
      {
        status: 'hired',
        feedback: NOTES.feedback,
        placement: { contractType: 'permanent', startsOn: '2026-01-15', hoursPerWeek: 30 },
      },
      companyUser,
    );
    expect(hired.status).toBe(200);
    await reachesState('placed');

    const followUps = await get(`/api/follow-ups?caseId=${caseId}&status=all&due=2999-12-31`);
    expect(followUps.status).toBe(200);
    const threeMonths = (
      followUps.body.items as Array<{ id: string; monthsAfter: number; placementId: string }>
    ).find((followUp) => followUp.monthsAfter === 3)!;
    placementId = threeMonths.placementId;
    const recorded = await patch(`/api/follow-ups/${threeMonths.id}`, {
      employed: true,
      notes: NOTES.followUp,
    });
    expect(recorded.status).toBe(200);
    await quiet();
  }

  beforeAll(async () => {
    t = await createTestApp();
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    const company = await post(
      '/api/companies',
      {
        name: 'Trattoria Da Bruno',
        vatNumber: companyVat(),
        atecoCode: '56.10',
        municipality: 'Bologna',
        employees: 30,
        boardMemberSince: '2019-05-01',
      },
      coordinator,
    );
    expect(company.status).toBe(201);
    companyId = company.body.id;
    companyUser = await t.userToken(Role.COMPANY, { companyId });
    await walkThroughTheProgramme();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('export (GDPR art. 15 and 20)', () => {
    it('gives her counsellor everything recorded in her case, as a JSON attachment', async () => {
      const exported = await exportAs(counsellor);
      expect(exported.status).toBe(200);
      expect(exported.headers['content-disposition']).toBe(
        `attachment; filename=beneficiary-${beneficiaryId}.json`,
      );
      expect(exported.headers['content-type']).toMatch(/^application\/json/);
      const body = exported.body;
      expect(body).toMatchObject({
        format: 'placement-export/v1',
        complete: false,
        audit: null,
        beneficiary: { id: beneficiaryId, firstName: FIRST_NAME, fiscalCode: FISCAL_CODE, email: EMAIL },
      });
      expect(Date.parse(body.exportedAt)).not.toBeNaN();
      expect(body.cases).toHaveLength(1);
      const [exportedCase] = body.cases;
      expect(exportedCase).toMatchObject({ id: caseId, status: 'placed', counsellorId: counsellor.user.id });
      expect(exportedCase.timeline.map((event: { type: string }) => event.type)).toEqual([
        'case.opened',
        'interview.held',
        'manual.on_hold',
        'manual.resume',
        'enrollment.created',
        'enrollment.ended',
        'internship.started',
        'internship.ended',
        'grant.submitted',
        'grant.disbursed',
        'proposal.created',
        'placement.recorded',
        'followup.recorded',
      ]);
      expect(exportedCase.timeline[2]).toMatchObject({
        payload: { reason: NOTES.holdReason },
        fromState: 'orientation',
        toState: 'on_hold',
      });
      expect(exportedCase.interviews).toMatchObject([
        {
          triage: 'needs_training',
          notes: NOTES.interview,
          actionPlan: NOTES.actionPlan,
          skills: ['cooking'],
        },
      ]);
      expect(exportedCase.enrollments).toMatchObject([
        { courseTitle: 'HACCP food safety', status: 'completed', qualification: 'HACCP certificate' },
      ]);
      expect(exportedCase.internships).toMatchObject([
        {
          companyId,
          companyName: 'Trattoria Da Bruno',
          startsOn: '2025-09-01',
          endsOn: '2025-11-30',
          monthlyAllowance: 500,
          status: 'completed',
          outcome: NOTES.internshipOutcome,
        },
      ]);
      expect(exportedCase.proposals).toMatchObject([
        {
          openingTitle: 'Line cook',
          companyName: 'Trattoria Da Bruno',
          note: NOTES.proposal,
          status: 'hired',
          feedback: NOTES.feedback,
          placementId,
        },
      ]);
      expect(exportedCase.placements).toHaveLength(1);
      expect(exportedCase.placements[0]).toMatchObject({
        id: placementId,
        companyName: 'Trattoria Da Bruno',
        contractType: 'permanent',
        kind: 'new',
        startsOn: '2026-01-15',
        hoursPerWeek: 30,
        source: 'proposal',
      });
      expect(
        exportedCase.placements[0].followUps.map((followUp: { monthsAfter: number; dueOn: string }) => [
          followUp.monthsAfter,
          followUp.dueOn,
        ]),
      ).toEqual([
        [3, '2026-04-15'],
        [6, '2026-07-15'],
        [12, '2027-01-15'],
      ]);
      expect(exportedCase.placements[0].followUps[0]).toMatchObject({
        employed: true,
        notes: NOTES.followUp,
      });
      expect(exportedCase.grants).toMatchObject([
        {
          businessName: 'Cucina di Quartiere',
          planSummary: NOTES.plan,
          requestedAmount: 8000,
          approvedAmount: 6000,
          disbursedAmount: 2500.5,
          status: 'approved',
          disbursements: [{ amount: 2500.5, paidOn: '2025-12-01' }],
        },
      ]);
    });

    it('gives a coordinator the complete export, with who read or changed the record and when', async () => {
      const exported = await exportAs(coordinator);
      expect(exported.status).toBe(200);
      expect(exported.body.complete).toBe(true);
      expect(exported.body.cases).toHaveLength(1);
      const actions = (exported.body.audit as Array<{ action: string; actorId: string }>).map(
        (entry) => `${entry.action}:${entry.actorId}`,
      );
      expect(actions[0]).toBe(`create:${counsellor.user.id}`);
      expect(actions).toContain(`export:${counsellor.user.id}`);
    });

    it('logs each export', async () => {
      const before = await t.dataSource.query<unknown[]>(
        `SELECT 1 FROM audit_log WHERE beneficiary_id = $1 AND action = 'export'`,
        [beneficiaryId],
      );
      expect((await exportAs(coordinator)).status).toBe(200);
      const after = await t.dataSource.query<Array<{ actor_id: string; details: object }>>(
        `SELECT actor_id, details FROM audit_log WHERE beneficiary_id = $1 AND action = 'export' ORDER BY id`,
        [beneficiaryId],
      );
      expect(after).toHaveLength(before.length + 1);
      expect(after.at(-1)).toEqual({ actor_id: coordinator.user.id, details: { complete: true, cases: 1 } });
    });

    it('answers 404 to a counsellor who may not see her, and 403 to a company', async () => {
      const foreign = await exportAs(otherCounsellor);
      expect(foreign.status).toBe(404);
      expect(foreign.body).toMatchObject({ statusCode: 404, code: 'BENEFICIARY_NOT_FOUND' });
      expect((await exportAs(companyUser)).status).toBe(403);
    });

    it('answers 404 for someone who does not exist', async () => {
      expect((await get('/api/beneficiaries/6f1c2b9e-0000-4000-8000-000000000000/export')).status).toBe(404);
    });
  });

  describe('erasure (GDPR art. 17)', () => {
    it('refuses a counsellor and a company with 403, changing nothing', async () => {
      for (const user of [counsellor, companyUser]) {
        expect((await post(`/api/beneficiaries/${beneficiaryId}/erase`, {}, user)).status).toBe(403);
      }
      expect((await get(`/api/beneficiaries/${beneficiaryId}`)).body).toMatchObject({
        firstName: FIRST_NAME,
        erasedAt: null,
      });
    });

    it('answers 404 for someone who does not exist', async () => {
      expect(
        (await post('/api/beneficiaries/6f1c2b9e-0000-4000-8000-000000000000/erase', {}, coordinator)).status,
      ).toBe(404);
    });

    it('pseudonymises her and her notes while every count and metric stays the same', async () => {
      await quiet();
      const metricsBefore = (await get('/api/metrics')).body;
      const countsBefore = await rowCounts();
      const before = (await get(`/api/beneficiaries/${beneficiaryId}`)).body;
      expect(await storedReplays()).toBe(1);

      const erased = await post(`/api/beneficiaries/${beneficiaryId}/erase`, {}, coordinator);
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({
        id: beneficiaryId,
        firstName: 'Erased',
        lastName: 'Person',
        email: null,
        phone: null,
        municipality: null,
        skills: [],
        languages: [],
        erasedAt: expect.any(String),
        version: before.version + 1,
      });
      expect(erased.body.fiscalCode).toMatch(/^ERASED-[A-Z2-7]{9}$/);
      // What the FSE+ indicators and the reports are computed from is kept as it was.
      for (const field of [
        'birthDate',
        'gender',
        'citizenship',
        'educationLevel',
        'employmentStatus',
        'disability',
        'vulnerabilities',
        'referralSource',
        'privacyConsentAt',
        'createdById',
      ]) {
        expect(erased.body[field]).toEqual(before[field]);
      }

      await quiet();
      expect((await get('/api/metrics')).body).toEqual(metricsBefore);
      expect(await rowCounts()).toEqual(countsBefore);
      expect((await get(`/api/cases/${caseId}`)).body.status).toBe('placed');
    });

    it('leaves no trace of her name, fiscal code, contacts or notes in her row or her export', async () => {
      const [row] = await t.dataSource.query<Array<{ json: string }>>(
        'SELECT row_to_json(b)::text AS json FROM beneficiaries b WHERE id = $1',
        [beneficiaryId],
      );
      const exported = await exportAs(coordinator);
      expect(exported.status).toBe(200);
      for (const text of [row.json, JSON.stringify(exported.body)]) {
        for (const secret of [FIRST_NAME, LAST_NAME, FISCAL_CODE, EMAIL, PHONE, ...Object.values(NOTES)]) {
          expect(text).not.toContain(secret);
        }
      }
      const [exportedCase] = exported.body.cases;
      expect(exportedCase.interviews).toMatchObject([
        { notes: null, actionPlan: null, skills: [], triage: 'needs_training' },
      ]);
      expect(exportedCase.proposals).toMatchObject([{ note: '[erased]', feedback: null, status: 'hired' }]);
      expect(exportedCase.internships).toMatchObject([{ outcome: null, tutorName: 'Chef Adriano Benassi' }]);
      expect(exportedCase.placements[0].followUps[0]).toMatchObject({ notes: null, employed: true });
      expect(exportedCase.grants).toMatchObject([{ planSummary: '[erased]', disbursedAmount: 2500.5 }]);
      expect(exportedCase.timeline[2].payload).toEqual({ reason: '[erased]' });
      expect(exportedCase.enrollments).toMatchObject([{ qualification: 'HACCP certificate' }]);
    });

    it('no longer finds her by name or fiscal code, nor replays her record to an Idempotency-Key', async () => {
      for (const search of [LAST_NAME, FISCAL_CODE]) {
        const found = await get(`/api/beneficiaries?search=${search}`);
        expect(found.body.items).toEqual([]);
      }
      expect(await storedReplays()).toBe(0);
    });

    it('reads as erased, and refuses a change or a second erasure with 409', async () => {
      const read = await get(`/api/beneficiaries/${beneficiaryId}`);
      expect(read.body).toMatchObject({
        firstName: 'Erased',
        lastName: 'Person',
        erasedAt: expect.any(String),
      });
      const changed = await patch(
        `/api/beneficiaries/${beneficiaryId}`,
        { firstName: FIRST_NAME },
        coordinator,
      );
      expect(changed.status).toBe(409);
      expect(changed.body.code).toBe('BENEFICIARY_ERASED');
      const again = await post(`/api/beneficiaries/${beneficiaryId}/erase`, {}, coordinator);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('BENEFICIARY_ERASED');
      expect((await get(`/api/beneficiaries/${beneficiaryId}`)).body).toEqual(read.body);
    });

    it('keeps who erased her and when in the audit log, without any of her personal data', async () => {
      const audit = await get(`/api/audit?beneficiaryId=${beneficiaryId}&limit=100`);
      expect(audit.status).toBe(200);
      const erasures = (audit.body.items as Array<{ action: string }>).filter(
        (entry) => entry.action === 'erase',
      );
      expect(erasures).toHaveLength(1);
      expect(erasures[0]).toMatchObject({
        actorId: coordinator.user.id,
        actorRole: 'coordinator',
        entityId: beneficiaryId,
        at: expect.any(String),
        details: { erasedFields: expect.arrayContaining(['firstName', 'fiscalCode', 'email']) },
      });
      const everything = JSON.stringify(audit.body.items);
      for (const secret of [FIRST_NAME, LAST_NAME, FISCAL_CODE, EMAIL, PHONE]) {
        expect(everything).not.toContain(secret);
      }
    });
  });
});
