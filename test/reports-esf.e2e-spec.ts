import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { Role } from '#app/core';
import { beneficiaryBody, person } from './support/fixtures.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

/**
 * The FSE+ indicators over a cohort written straight into the tables with past dates (the API only
 * records "now"), every expected value counted by hand below. Times are UTC; the report's calendar is
 * Europe/Rome (+01:00 in winter, +02:00 in summer), which several cases sit on the edge of.
 */

interface EsfReport {
  from: string;
  to: string;
  participants: Record<string, number>;
  results: Record<string, number>;
}

type Gender = 'F' | 'M' | 'X';
type EmploymentStatus = 'unemployed' | 'long_term_unemployed' | 'inactive' | 'employed';

interface PersonRow {
  gender: Gender;
  birthDate: string;
  employmentStatus: EmploymentStatus;
  educationLevel: number | null;
  citizenship: string | null;
  disability?: boolean;
}

/** Writes cohort rows as the services and the engine would have left them. */
class Cohort {
  private readonly tag = randomBytes(3).toString('hex').toUpperCase();
  private sequence = 0;

  constructor(
    private readonly db: DataSource,
    private readonly counsellorId: string,
    private readonly companyId: string,
  ) {}

  async person(row: PersonRow): Promise<string> {
    const [created] = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO beneficiaries (first_name, last_name, fiscal_code, birth_date, gender, citizenship,
         education_level, employment_status, disability, privacy_consent_at)
       VALUES ('Cohort', 'Person', $1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
      [
        `RPT${this.tag}${String(++this.sequence).padStart(7, '0')}`,
        row.birthDate,
        row.gender,
        row.citizenship,
        row.educationLevel,
        row.employmentStatus,
        row.disability ?? false,
      ],
    );
    return created.id;
  }

  /** A case; placed when placedAt is given, closed (with its closing event) when closed is given. */
  async case(
    beneficiaryId: string,
    openedAt: string,
    outcome: {
      placedAt?: string;
      closed?: { at: string; reason: string; fromState: string };
      status?: string;
    } = {},
  ): Promise<string> {
    const status = outcome.closed ? 'closed' : outcome.placedAt ? 'placed' : (outcome.status ?? 'intake');
    const [created] = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO cases (beneficiary_id, counsellor_id, status, opened_at, placed_at, closed_at, closed_reason,
         last_activity_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $4) RETURNING id`,
      [
        beneficiaryId,
        this.counsellorId,
        status,
        openedAt,
        outcome.placedAt ?? null,
        outcome.closed?.at ?? null,
        outcome.closed?.reason ?? null,
      ],
    );
    if (outcome.closed) {
      await this.db.query(
        `INSERT INTO case_events (case_id, type, payload, occurred_at, published_at, applied_at, from_state, to_state, outcome)
         VALUES ($1, 'manual.close', jsonb_build_object('reason', $2::text), $3, $3, $3, $4, 'closed', $2)`,
        [created.id, outcome.closed.reason, outcome.closed.at, outcome.closed.fromState],
      );
    }
    return created.id;
  }

  /** A new contract of the case (self-employment has no company), with its +6-month follow-up if given. */
  async placement(
    caseId: string,
    beneficiaryId: string,
    startsOn: string,
    options: { contractType?: string; sixMonths?: { dueOn: string; employed: boolean } } = {},
  ): Promise<void> {
    const contractType = options.contractType ?? 'permanent';
    const [placement] = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO placements (case_id, beneficiary_id, company_id, contract_type, starts_on, hours_per_week)
       VALUES ($1, $2, $3, $4, $5, 38) RETURNING id`,
      [
        caseId,
        beneficiaryId,
        contractType === 'self_employment' ? null : this.companyId,
        contractType,
        startsOn,
      ],
    );
    if (options.sixMonths) {
      await this.db.query(
        `INSERT INTO follow_ups (placement_id, case_id, months_after, due_on, recorded_at, employed)
         VALUES ($1, $2, 6, $3, $3::date + time '10:00', $4)`,
        [placement.id, caseId, options.sixMonths.dueOn, options.sixMonths.employed],
      );
    }
  }

  private courseCounter = 0;

  /** An enrollment in a course of its own (a case holds one active seat per course). */
  async enrollment(
    caseId: string,
    enrolledAt: string,
    ended?: { at: string; status: 'completed' | 'dropped'; qualification?: string },
  ): Promise<void> {
    const [course] = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO courses (title, provider, hours, starts_on, ends_on, capacity)
       VALUES ($1, 'Provider', 80, '2024-01-01', '2024-12-31', 20) RETURNING id`,
      [`Course ${++this.courseCounter}`],
    );
    await this.db.query(
      `INSERT INTO enrollments (course_id, case_id, status, qualification, enrolled_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        course.id,
        caseId,
        ended?.status ?? 'active',
        ended?.qualification ?? null,
        enrolledAt,
        ended?.at ?? null,
      ],
    );
  }
}

/** The Rome calendar day `offset` days from now. */
function romeDay(offset = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );
}

describe('GET /api/reports/esf-indicators', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let counsellor: TestUser;
  let companyUser: TestUser;
  let companyId: string;

  const auth = (user: TestUser | string) => ({
    Authorization: `Bearer ${typeof user === 'string' ? user : user.token}`,
  });

  const report = async (query: Record<string, string>, user: TestUser | string = coordinator) => {
    const response = await t.http().get('/api/reports/esf-indicators').query(query).set(auth(user));
    expect(response.status).toBe(200);
    return response.body as EsfReport;
  };

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.userToken(Role.COORDINATOR);
    counsellor = await t.userToken(Role.COUNSELLOR);
    companyId = await t.createCompany();
    companyUser = await t.userToken(Role.COMPANY, { companyId });
    const cohort = new Cohort(t.dataSource, counsellor.user.id, companyId);

    // A: opened 00:30 on 1 January 2024 in Rome (still 31 December in UTC), 18 that very day; placed,
    // contract from 10 February (within four weeks), employed at +6 months.
    const a = await cohort.person({
      gender: 'F',
      birthDate: '2006-01-01',
      employmentStatus: 'unemployed',
      educationLevel: 2,
      citizenship: 'IT',
    });
    const caseA = await cohort.case(a, '2023-12-31T23:30:00Z', { placedAt: '2024-02-05T10:00:00Z' });
    await cohort.placement(caseA, a, '2024-02-10', { sixMonths: { dueOn: '2024-08-10', employed: true } });

    // B: 63, long-term unemployed, Moroccan, disabled; qualified in May, closed from job search in June.
    const b = await cohort.person({
      gender: 'M',
      birthDate: '1960-05-01',
      employmentStatus: 'long_term_unemployed',
      educationLevel: 3,
      citizenship: 'MA',
      disability: true,
    });
    const caseB = await cohort.case(b, '2024-03-10T09:00:00Z', {
      closed: { at: '2024-06-01T10:00:00Z', reason: 'other', fromState: 'job_search' },
    });
    await cohort.enrollment(caseB, '2024-04-01T08:00:00Z', {
      at: '2024-05-20T16:00:00Z',
      status: 'completed',
      qualification: 'Forklift licence',
    });

    // C: non-binary, 15, inactive, Romanian (EU); moved away while in a course that goes on.
    const c = await cohort.person({
      gender: 'X',
      birthDate: '2008-06-15',
      employmentStatus: 'inactive',
      educationLevel: 1,
      citizenship: 'RO',
    });
    const caseC = await cohort.case(c, '2024-04-01T08:00:00Z', {
      closed: { at: '2024-07-01T10:00:00Z', reason: 'moved_away', fromState: 'training' },
    });
    await cohort.enrollment(caseC, '2024-06-01T08:00:00Z');

    // D: 34, employed, no citizenship recorded; dropped out of job search, enrolled 29 days after leaving.
    const d = await cohort.person({
      gender: 'F',
      birthDate: '1990-01-01',
      employmentStatus: 'employed',
      educationLevel: 6,
      citizenship: null,
    });
    const caseD = await cohort.case(d, '2024-05-05T10:00:00Z', {
      closed: { at: '2024-08-01T10:00:00Z', reason: 'dropped_out', fromState: 'job_search' },
    });
    await cohort.enrollment(caseD, '2024-08-30T08:00:00Z');

    // E: Ukrainian, 28 then 29; left job search on 1 September, placed under a second case from the 20th:
    // the later status (employment) wins for the first case, and the second case is a participant too.
    const e = await cohort.person({
      gender: 'M',
      birthDate: '1995-07-01',
      employmentStatus: 'unemployed',
      educationLevel: 4,
      citizenship: 'UA',
    });
    await cohort.case(e, '2024-06-01T10:00:00Z', {
      closed: { at: '2024-09-01T10:00:00Z', reason: 'other', fromState: 'job_search' },
    });
    const caseE2 = await cohort.case(e, '2024-09-10T10:00:00Z', { placedAt: '2024-09-15T10:00:00Z' });
    await cohort.placement(caseE2, e, '2024-09-20', {
      contractType: 'fixed_term',
      sixMonths: { dueOn: '2025-03-20', employed: false },
    });

    // F: 55 on the day of entry, disabled; contract from 29 days after placement (too late), a course
    // running when she left (qualification 29 days after: too late), employed at +6 months.
    const f = await cohort.person({
      gender: 'F',
      birthDate: '1969-07-01',
      employmentStatus: 'long_term_unemployed',
      educationLevel: 8,
      citizenship: 'IT',
      disability: true,
    });
    const caseF = await cohort.case(f, '2024-07-01T10:00:00Z', { placedAt: '2024-08-01T10:00:00Z' });
    await cohort.placement(caseF, f, '2024-08-30', {
      contractType: 'apprenticeship',
      sixMonths: { dueOn: '2025-02-28', employed: true },
    });
    await cohort.enrollment(caseF, '2024-07-10T08:00:00Z', {
      at: '2024-08-30T10:00:00Z',
      status: 'completed',
      qualification: 'Barista',
    });

    // G: 17 (18 the next day), still in training: a participant with no result yet.
    const g = await cohort.person({
      gender: 'M',
      birthDate: '2006-08-02',
      employmentStatus: 'unemployed',
      educationLevel: 0,
      citizenship: 'IT',
    });
    const caseG = await cohort.case(g, '2024-08-01T10:00:00Z', { status: 'training' });
    await cohort.enrollment(caseG, '2024-08-05T08:00:00Z');

    // H: opened at 23:59:59 on 31 December in Rome, 29 until the next day, Chinese, inactive.
    const h = await cohort.person({
      gender: 'F',
      birthDate: '1995-01-01',
      employmentStatus: 'inactive',
      educationLevel: null,
      citizenship: 'CN',
    });
    await cohort.case(h, '2024-12-31T22:59:59Z');

    // I: self-employed from exactly 28 days after leaving; enrolled after leaving; qualified on day 28.
    const i = await cohort.person({
      gender: 'M',
      birthDate: '1980-02-01',
      employmentStatus: 'unemployed',
      educationLevel: 5,
      citizenship: 'IT',
    });
    const caseI = await cohort.case(i, '2024-02-01T10:00:00Z', { placedAt: '2024-03-01T10:00:00Z' });
    await cohort.placement(caseI, i, '2024-03-29', { contractType: 'self_employment' });
    await cohort.enrollment(caseI, '2024-03-20T09:00:00Z');
    await cohort.enrollment(caseI, '2024-02-10T09:00:00Z', {
      at: '2024-03-29T15:00:00Z',
      status: 'completed',
      qualification: 'Bookkeeping',
    });

    // Outside 2024: one second before it in Rome, half an hour after it, and a 2022 case placed in 2024.
    const o1 = await cohort.person({
      gender: 'F',
      birthDate: '1990-03-03',
      employmentStatus: 'unemployed',
      educationLevel: 3,
      citizenship: 'IT',
    });
    const caseO1 = await cohort.case(o1, '2023-12-31T22:59:59Z', { placedAt: '2024-01-10T10:00:00Z' });
    await cohort.placement(caseO1, o1, '2024-01-15', { sixMonths: { dueOn: '2024-07-15', employed: true } });
    const o2 = await cohort.person({
      gender: 'M',
      birthDate: '1985-04-04',
      employmentStatus: 'unemployed',
      educationLevel: 3,
      citizenship: 'NG',
    });
    await cohort.case(o2, '2024-12-31T23:30:00Z');
    const o3 = await cohort.person({
      gender: 'F',
      birthDate: '1970-01-01',
      employmentStatus: 'long_term_unemployed',
      educationLevel: 2,
      citizenship: 'IT',
    });
    const caseO3 = await cohort.case(o3, '2022-05-01T10:00:00Z', { placedAt: '2024-03-01T10:00:00Z' });
    await cohort.placement(caseO3, o3, '2024-03-05', { sixMonths: { dueOn: '2024-09-05', employed: true } });
  });

  afterAll(async () => {
    await t.close();
  });

  const YEAR_2024 = {
    participants: {
      total: 10, // A B C D E E2 F G H I (E counts once per case)
      women: 4, // A D F H
      men: 5, // B E E2 G I
      nonBinary: 1, // C
      unemployed: 7, // A B E E2 F G I (long-term included)
      longTermUnemployed: 2, // B F
      inactive: 2, // C H
      employed: 1, // D
      under18: 2, // C (15) G (17)
      age18to29: 4, // A (18) E (28) E2 (29) H (29)
      age55plus: 2, // B (63) F (55)
      isced0to2: 3, // A C G
      isced3to4: 3, // B E E2
      isced5to8: 3, // D F I
      disability: 2, // B F
      thirdCountNationals: 4, // B (MA) E E2 (UA) H (CN); C is Romanian, D unknown
    },
    results: {
      engagedInJobSearching: 1, // B; D dropped out, E found a job, C left from training
      inEducationOrTraining: 3, // C (ongoing), F (running when she left), I (enrolled after leaving)
      gainingQualification: 2, // B (during participation), I (day 28); F's came on day 29
      inEmploymentIncludingSelfEmployment: 4, // A, E (second case's contract), E2, I (day 28); F's on day 29
      inEmploymentSixMonthsAfterLeaving: 2, // A F (E2 recorded not employed)
    },
  };

  it('counts every indicator of the 2024 cohort, in the shape of SPEC section 7', async () => {
    const body = await report({ from: '2024-01-01', to: '2024-12-31' });
    expect(body).toEqual({ from: '2024-01-01', to: '2024-12-31', ...YEAR_2024 });
    expect(Object.keys(body.participants)).toEqual(Object.keys(YEAR_2024.participants));
    expect(Object.keys(body.results)).toEqual(Object.keys(YEAR_2024.results));
  });

  it('answers the same to an admin', async () => {
    const body = await report({ from: '2024-01-01', to: '2024-12-31', format: 'json' }, t.adminToken);
    expect(body.participants).toEqual(YEAR_2024.participants);
    expect(body.results).toEqual(YEAR_2024.results);
  });

  it('gives the CSV one indicator,value row per field of the JSON, in the same order', async () => {
    const json = await report({ from: '2024-01-01', to: '2024-12-31' });
    const response = await t
      .http()
      .get('/api/reports/esf-indicators')
      .query({ from: '2024-01-01', to: '2024-12-31', format: 'csv' })
      .set(auth(coordinator));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('esf-indicators-2024-01-01-2024-12-31.csv');
    const rows = parse(response.text);
    const expected = [
      ...Object.entries(json.participants).map(([name, value]) => [`participants.${name}`, String(value)]),
      ...Object.entries(json.results).map(([name, value]) => [`results.${name}`, String(value)]),
    ];
    expect(rows[0]).toEqual(['indicator', 'value']);
    expect(rows.slice(1)).toEqual(expected);
    expect(rows).toHaveLength(22);
    expect(rows).toContainEqual(['results.inEmploymentIncludingSelfEmployment', '4']);
  });

  it('leaves out the case opened at 00:30 on 1 January in Rome when the window starts on 2 January', async () => {
    const body = await report({ from: '2024-01-02', to: '2024-12-31' });
    expect(body.participants).toMatchObject({
      total: 9,
      women: 3,
      age18to29: 3,
      isced0to2: 2,
      unemployed: 6,
    });
    expect(body.results).toMatchObject({
      inEmploymentIncludingSelfEmployment: 3,
      inEmploymentSixMonthsAfterLeaving: 1,
    });
  });

  it('leaves out the case opened at 23:59:59 on 31 December in Rome when the window ends on the 30th', async () => {
    const body = await report({ from: '2024-01-01', to: '2024-12-30' });
    expect(body.participants).toMatchObject({
      total: 9,
      women: 3,
      inactive: 1,
      thirdCountNationals: 3,
      age18to29: 3,
    });
  });

  it('counts a case opened one second before 2024 in Rome in the last day of 2023, with its results', async () => {
    const body = await report({ from: '2023-12-31', to: '2023-12-31' });
    expect(body.participants).toMatchObject({ total: 1, women: 1, unemployed: 1, isced3to4: 1 });
    expect(body.results).toEqual({
      engagedInJobSearching: 0,
      inEducationOrTraining: 0,
      gainingQualification: 0,
      inEmploymentIncludingSelfEmployment: 1,
      inEmploymentSixMonthsAfterLeaving: 1,
    });
  });

  it('counts a case opened at 00:30 on 1 January 2025 in Rome in 2025, with no result before it leaves', async () => {
    const body = await report({ from: '2025-01-01', to: '2025-01-31' });
    expect(body.participants).toMatchObject({ total: 1, men: 1, unemployed: 1, thirdCountNationals: 1 });
    expect(Object.values(body.results)).toEqual([0, 0, 0, 0, 0]);
  });

  it('answers zeros for a window with no participant', async () => {
    const body = await report({ from: '2019-01-01', to: '2019-12-31' });
    expect(Object.values(body.participants).every((value) => value === 0)).toBe(true);
    expect(Object.values(body.results).every((value) => value === 0)).toBe(true);
  });

  it('counts a person taken in, interviewed and placed through the API today', async () => {
    const body = beneficiaryBody({
      ...person({ gender: 'F', birthDate: '1960-01-15' }),
      citizenship: 'AL',
      employmentStatus: 'unemployed',
      educationLevel: 3,
      disability: true,
    });
    const created = await t.http().post('/api/beneficiaries').set(auth(counsellor)).send(body);
    expect(created.status).toBe(201);
    const opened = await t
      .http()
      .post('/api/cases')
      .set(auth(counsellor))
      .send({ beneficiaryId: created.body.id });
    expect(opened.status).toBe(201);
    const caseId = opened.body.id as string;
    const scheduled = await t
      .http()
      .post(`/api/cases/${caseId}/interviews`)
      .set(auth(counsellor))
      .send({ scheduledAt: new Date().toISOString() });
    expect(scheduled.status).toBe(201);
    const held = await t
      .http()
      .patch(`/api/interviews/${scheduled.body.id}`)
      .set(auth(counsellor))
      .send({ heldAt: new Date().toISOString(), triage: 'ready_for_placement' });
    expect(held.status).toBe(200);
    const caseState = async () =>
      (await t.http().get(`/api/cases/${caseId}`).set(auth(coordinator))).body as { status: string };
    await waitFor(async () => (await caseState()).status === 'orientation', { message: 'orientation' });
    const placed = await t
      .http()
      .post(`/api/cases/${caseId}/placements`)
      .set(auth(counsellor))
      .send({ companyId, contractType: 'permanent', startsOn: romeDay(), hoursPerWeek: 30 });
    expect(placed.status).toBe(201);
    await waitFor(async () => (await caseState()).status === 'placed', { message: 'placed' });

    // A day either side, so a run at midnight in Rome cannot split the case from its placement.
    const today = await report({ from: romeDay(-1), to: romeDay(1) });
    expect(today.participants).toEqual({
      total: 1,
      women: 1,
      men: 0,
      nonBinary: 0,
      unemployed: 1,
      longTermUnemployed: 0,
      inactive: 0,
      employed: 0,
      under18: 0,
      age18to29: 0,
      age55plus: 1,
      isced0to2: 0,
      isced3to4: 1,
      isced5to8: 0,
      disability: 1,
      thirdCountNationals: 1,
    });
    expect(today.results).toEqual({
      engagedInJobSearching: 0,
      inEducationOrTraining: 0,
      gainingQualification: 0,
      inEmploymentIncludingSelfEmployment: 1,
      inEmploymentSixMonthsAfterLeaving: 0,
    });
  });

  describe('refusals', () => {
    it('answers 403 to counsellors and companies, and 401 without a token', async () => {
      for (const user of [counsellor, companyUser]) {
        const response = await t
          .http()
          .get('/api/reports/esf-indicators')
          .query({ from: '2024-01-01', to: '2024-12-31' })
          .set(auth(user));
        expect(response.status).toBe(403);
      }
      const anonymous = await t
        .http()
        .get('/api/reports/esf-indicators')
        .query({ from: '2024-01-01', to: '2024-12-31' });
      expect(anonymous.status).toBe(401);
    });

    it.each([
      ['no dates', {}],
      ['no to', { from: '2024-01-01' }],
      ['a day that does not exist', { from: '2024-02-30', to: '2024-12-31' }],
      ['a timestamp instead of a day', { from: '2024-01-01T00:00:00Z', to: '2024-12-31' }],
      ['a day in another format', { from: '01/01/2024', to: '2024-12-31' }],
      ['an unknown format', { from: '2024-01-01', to: '2024-12-31', format: 'xlsx' }],
      ['an unknown parameter', { from: '2024-01-01', to: '2024-12-31', groupBy: 'month' }],
    ])('answers 400 to %s', async (_name, query) => {
      const response = await t.http().get('/api/reports/esf-indicators').query(query).set(auth(coordinator));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });

    it('answers 400 when from is after to, naming the rule', async () => {
      const response = await t
        .http()
        .get('/api/reports/esf-indicators')
        .query({ from: '2024-12-31', to: '2024-01-01' })
        .set(auth(coordinator));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REPORT_INVALID_PERIOD' });
    });

    it('answers 400 to a window of more than a century', async () => {
      const response = await t
        .http()
        .get('/api/reports/esf-indicators')
        .query({ from: '0001-01-01', to: '9999-12-31' })
        .set(auth(coordinator));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REPORT_PERIOD_TOO_LONG' });
    });
  });
});
