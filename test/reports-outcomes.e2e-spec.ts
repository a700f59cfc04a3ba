import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { Role } from '#app/core';
import { beneficiaryBody, vatNumber } from './support/fixtures.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

/**
 * The outcomes report over the first half of 2024 (the programme's headline: a median of 52 days from
 * first interview to placement), on a cohort written with past dates straight into the tables. Every
 * expected number is counted by hand from the cohort described in beforeAll. Times are UTC; the report's
 * calendar is Europe/Rome.
 */

type Measures = Record<string, unknown>;
interface Group extends Measures {
  key: string | null;
  label: string;
}
interface OutcomesReport {
  from: string;
  to: string;
  groupBy: string;
  totals: Measures;
  groups: Group[];
}

const H1 = { from: '2024-01-01', to: '2024-06-30' };

const triage = (ready: number, needs: number, out: number) => ({
  ready_for_placement: ready,
  needs_training: needs,
  out_of_target: out,
});
const contracts = (counts: Partial<Record<string, number>> = {}) => ({
  permanent: 0,
  fixed_term: 0,
  apprenticeship: 0,
  temporary_agency: 0,
  other: 0,
  self_employment: 0,
  ...counts,
});
const kinds = (counts: Partial<Record<string, number>> = {}) => ({
  new: 0,
  extension: 0,
  conversion: 0,
  ...counts,
});
const retention = (recorded: number, employed: number, rate: number | null) => ({ recorded, employed, rate });
const NO_RETENTION = retention(0, 0, null);

/** The placement-side measures of a group with no placement, internship or follow-up. */
const NOTHING_PLACED = {
  placements: 0,
  placementsByContractType: contracts(),
  placementsByKind: kinds(),
  peoplePlaced: 0,
  medianDaysToPlacement: null,
  timedPlacements: 0,
  internshipsStarted: 0,
  internshipsHired: 0,
  internshipConversionRate: null,
  retention6Months: NO_RETENTION,
  retention12Months: NO_RETENTION,
  companiesHiring: 0,
};

/** Writes cohort rows as the services and the engine would have left them. */
class Cohort {
  private readonly tag = randomBytes(3).toString('hex').toUpperCase();
  private sequence = 0;

  constructor(private readonly db: DataSource) {}

  private async insert(sql: string, parameters: unknown[]): Promise<string> {
    const [row] = await this.db.query<Array<{ id: string }>>(`${sql} RETURNING id`, parameters);
    return row.id;
  }

  company(name: string, boardMemberSince: string): Promise<string> {
    return this.insert(
      `INSERT INTO companies (name, vat_number, ateco_code, municipality, employees, board_member_since)
       VALUES ($1, $2, '25.62', 'Bologna', 40, $3)`,
      [name, vatNumber(), boardMemberSince],
    );
  }

  /** A person and their case; placed or closed when the dates are given. */
  async case(options: {
    counsellorId: string;
    referralSource: string | null;
    openedAt: string;
    placedAt?: string;
    closedAt?: string;
    status?: string;
  }): Promise<{ caseId: string; personId: string }> {
    const personId = await this.insert(
      `INSERT INTO beneficiaries (first_name, last_name, fiscal_code, referral_source, privacy_consent_at)
       VALUES ('Cohort', 'Person', $1, $2, now())`,
      [`OUT${this.tag}${String(++this.sequence).padStart(7, '0')}`, options.referralSource],
    );
    const status = options.closedAt
      ? 'closed'
      : options.placedAt
        ? 'placed'
        : (options.status ?? 'orientation');
    const caseId = await this.insert(
      `INSERT INTO cases (beneficiary_id, counsellor_id, status, opened_at, placed_at, closed_at, last_activity_at)
       VALUES ($1, $2, $3, $4, $5, $6, $4)`,
      [
        personId,
        options.counsellorId,
        status,
        options.openedAt,
        options.placedAt ?? null,
        options.closedAt ?? null,
      ],
    );
    return { caseId, personId };
  }

  interview(caseId: string, heldAt: string | null, triageValue: string | null): Promise<string> {
    return this.insert(
      `INSERT INTO interviews (case_id, scheduled_at, held_at, triage) VALUES ($1, coalesce($2, now()), $2, $3)`,
      [caseId, heldAt, triageValue],
    );
  }

  placement(
    owner: { caseId: string; personId: string },
    companyId: string | null,
    contractType: string,
    startsOn: string,
    extendsPlacement?: { id: string; kind: 'extension' | 'conversion' },
  ): Promise<string> {
    return this.insert(
      `INSERT INTO placements (case_id, beneficiary_id, company_id, contract_type, kind, extends_placement_id, starts_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        owner.caseId,
        owner.personId,
        companyId,
        contractType,
        extendsPlacement?.kind ?? 'new',
        extendsPlacement?.id ?? null,
        startsOn,
      ],
    );
  }

  followUp(
    placementId: string,
    caseId: string,
    monthsAfter: number,
    dueOn: string,
    employed: boolean | null,
  ) {
    return this.insert(
      `INSERT INTO follow_ups (placement_id, case_id, months_after, due_on, recorded_at, employed)
       VALUES ($1, $2, $3, $4, CASE WHEN $5::boolean IS NULL THEN NULL ELSE $4::date + time '09:00' END, $5)`,
      [placementId, caseId, monthsAfter, dueOn, employed],
    );
  }

  internship(caseId: string, companyId: string, startsOn: string, endsOn: string): Promise<string> {
    return this.insert(
      `INSERT INTO internships (case_id, company_id, starts_on, ends_on, monthly_allowance_cents, tutor_name)
       VALUES ($1, $2, $3, $4, 50000, 'Tutor')`,
      [caseId, companyId, startsOn, endsOn],
    );
  }

  async enrollment(caseId: string, enrolledAt: string): Promise<void> {
    const courseId = await this.insert(
      `INSERT INTO courses (title, provider, hours, starts_on, ends_on, capacity)
       VALUES ('Magazzino', 'Provider', 80, '2024-02-01', '2024-03-15', 20)`,
      [],
    );
    await this.insert(`INSERT INTO enrollments (course_id, case_id, enrolled_at) VALUES ($1, $2, $3)`, [
      courseId,
      caseId,
      enrolledAt,
    ]);
  }

  async proposal(caseId: string, companyId: string): Promise<void> {
    const openingId = await this.insert(
      `INSERT INTO openings (company_id, title, description, positions, contract_type, municipality, closes_on)
       VALUES ($1, 'Magazziniere', 'Turni', 2, 'permanent', 'Bologna', '2024-12-31')`,
      [companyId],
    );
    await this.insert(`INSERT INTO proposals (opening_id, case_id, note) VALUES ($1, $2, 'Puntuale')`, [
      openingId,
      caseId,
    ]);
  }

  async submittedGrant(caseId: string): Promise<void> {
    const lineId = await this.insert(
      `INSERT INTO funding_lines (code, name, fund, cup, programmed_cents)
       VALUES ($1, 'Autoimpiego', 'FSE+', 'F31D23000140007', 400000000)`,
      [`L${this.tag}${++this.sequence}`],
    );
    await this.insert(
      `INSERT INTO grants (case_id, funding_line_id, business_name, ateco_code, plan_summary, requested_cents,
         status, submitted_at)
       VALUES ($1, $2, 'Sartoria', '14.13', 'Piano', 500000, 'submitted', '2024-05-10T09:00:00Z')`,
      [caseId, lineId],
    );
  }
}

/** The Rome calendar day `offset` days from now. */
function romeDay(offset = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );
}

describe('GET /api/reports/outcomes', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let anna: TestUser;
  let bruno: TestUser;
  let companyUser: TestUser;
  const company: Record<'alfa' | 'beta' | 'july' | 'formula', string> = {
    alfa: '',
    beta: '',
    july: '',
    formula: '',
  };

  const auth = (user: TestUser | string) => ({
    Authorization: `Bearer ${typeof user === 'string' ? user : user.token}`,
  });

  const report = async (query: Record<string, string>, user: TestUser | string = coordinator) => {
    const response = await t.http().get('/api/reports/outcomes').query(query).set(auth(user));
    expect(response.status).toBe(200);
    return response.body as OutcomesReport;
  };

  const groupOf = (body: OutcomesReport, key: string | null) => {
    const group = body.groups.find((candidate) => candidate.key === key);
    expect(group).toBeDefined();
    return group!;
  };

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.userToken(Role.COORDINATOR);
    anna = await t.userToken(Role.COUNSELLOR);
    bruno = await t.userToken(Role.COUNSELLOR);
    const cohort = new Cohort(t.dataSource);
    company.alfa = await cohort.company('Officine Alfa', '2024-03-15');
    company.beta = await cohort.company('Beta Logistica', '2020-01-01');
    company.july = await cohort.company('Luglio Servizi', '2024-07-01');
    company.formula = await cohort.company('=Formula & Co', '2024-06-30');
    companyUser = await t.userToken(Role.COMPANY, { companyId: company.beta });
    const { alfa, beta } = company;
    const a = anna.user.id;
    const b = bruno.user.id;

    // X1 (Anna, caritas): interview 15 Jan, proposal, permanent with Beta from 25 Jan: 10 days. Job search.
    const x1 = await cohort.case({
      counsellorId: a,
      referralSource: 'caritas',
      openedAt: '2024-01-10T09:00:00Z',
      placedAt: '2024-01-20T09:00:00Z',
    });
    await cohort.interview(x1.caseId, '2024-01-15T09:00:00Z', 'ready_for_placement');
    await cohort.proposal(x1.caseId, beta);
    await cohort.placement(x1, beta, 'permanent', '2024-01-25');

    // X2 (Anna, parish): interviews 1 and 20 Feb (and one never held), a course, fixed term with Alfa from
    // 24 Mar: 52 days from the first; extended from 24 Jun. Training.
    const x2 = await cohort.case({
      counsellorId: a,
      referralSource: 'parish',
      openedAt: '2024-01-20T09:00:00Z',
      placedAt: '2024-03-20T09:00:00Z',
    });
    await cohort.interview(x2.caseId, '2024-02-01T09:00:00Z', 'needs_training');
    await cohort.interview(x2.caseId, '2024-02-20T09:00:00Z', 'ready_for_placement');
    await cohort.interview(x2.caseId, null, null);
    await cohort.enrollment(x2.caseId, '2024-02-05T09:00:00Z');
    const x2Contract = await cohort.placement(x2, alfa, 'fixed_term', '2024-03-24');
    await cohort.placement(x2, alfa, 'fixed_term', '2024-06-24', { id: x2Contract, kind: 'extension' });

    // X3 (Bruno, caritas): interview 1 Mar, internship at Alfa from 10 Mar, apprenticeship with Alfa from
    // 30 Apr: 60 days; converted to permanent from 15 Jun. Internship, converted.
    const x3 = await cohort.case({
      counsellorId: b,
      referralSource: 'caritas',
      openedAt: '2024-02-15T09:00:00Z',
      placedAt: '2024-04-30T09:00:00Z',
    });
    await cohort.interview(x3.caseId, '2024-03-01T09:00:00Z', 'ready_for_placement');
    await cohort.internship(x3.caseId, alfa, '2024-03-10', '2024-04-29');
    const x3Contract = await cohort.placement(x3, alfa, 'apprenticeship', '2024-04-30');
    await cohort.placement(x3, alfa, 'permanent', '2024-06-15', { id: x3Contract, kind: 'conversion' });

    // X4 (Bruno, no referral source): out of target at the interview. No path.
    const x4 = await cohort.case({
      counsellorId: b,
      referralSource: null,
      openedAt: '2024-03-01T09:00:00Z',
      closedAt: '2024-03-05T09:00:00Z',
    });
    await cohort.interview(x4.caseId, '2024-03-05T09:00:00Z', 'out_of_target');

    // X5 (Bruno, web): internship at Beta from 1 May, no hire. Internship.
    const x5 = await cohort.case({
      counsellorId: b,
      referralSource: 'web',
      openedAt: '2024-04-01T09:00:00Z',
      status: 'internship',
    });
    await cohort.interview(x5.caseId, '2024-04-03T09:00:00Z', 'needs_training');
    await cohort.internship(x5.caseId, beta, '2024-05-01', '2024-08-01');

    // X6 (Anna, caritas): opened in 2023, placed with Beta from 15 May without any interview. Job search.
    const x6 = await cohort.case({
      counsellorId: a,
      referralSource: 'caritas',
      openedAt: '2023-11-01T09:00:00Z',
      placedAt: '2024-05-15T09:00:00Z',
    });
    await cohort.placement(x6, beta, 'other', '2024-05-15');

    // X7 (Bruno, social services): grant submitted, business from 1 Jun, interview only on 5 Jun (after
    // the start, so no time to placement). Self-employment.
    const x7 = await cohort.case({
      counsellorId: b,
      referralSource: 'social_services',
      openedAt: '2024-05-01T09:00:00Z',
      placedAt: '2024-06-01T09:00:00Z',
    });
    await cohort.interview(x7.caseId, '2024-06-05T09:00:00Z', 'ready_for_placement');
    await cohort.submittedGrant(x7.caseId);
    await cohort.placement(x7, null, 'self_employment', '2024-06-01');

    // X9 (Anna, job centre): opened 00:30 on 1 July in Rome, outside the half year.
    await cohort.case({ counsellorId: a, referralSource: 'job_centre', openedAt: '2024-06-30T22:30:00Z' });

    // X10 (Anna, word of mouth): opened 00:30 on 1 January in Rome; interview at 23:59 on 30 June in Rome.
    const x10 = await cohort.case({
      counsellorId: a,
      referralSource: 'word_of_mouth',
      openedAt: '2023-12-31T23:30:00Z',
    });
    await cohort.interview(x10.caseId, '2024-06-30T21:59:00Z', 'needs_training');
    await cohort.interview(x10.caseId, null, null);

    // X11 (Bruno, word of mouth): internship at Beta from 1 Feb, hired by Beta from 1 Aug (after the window).
    const x11 = await cohort.case({
      counsellorId: b,
      referralSource: 'word_of_mouth',
      openedAt: '2024-01-05T09:00:00Z',
      placedAt: '2024-07-25T09:00:00Z',
    });
    await cohort.interview(x11.caseId, '2024-01-10T09:00:00Z', 'ready_for_placement');
    await cohort.internship(x11.caseId, beta, '2024-02-01', '2024-07-31');
    await cohort.placement(x11, beta, 'permanent', '2024-08-01');

    // R1-R6: contracts of 2023 whose +6 or +12-month follow-ups fall due in the half year. Job search.
    const retained = async (
      counsellorId: string,
      referralSource: string,
      companyId: string,
      startsOn: string,
      monthsAfter: number,
      dueOn: string,
      employed: boolean | null,
    ) => {
      const owner = await cohort.case({
        counsellorId,
        referralSource,
        openedAt: '2022-12-01T09:00:00Z',
        placedAt: `${startsOn}T09:00:00Z`,
      });
      const placementId = await cohort.placement(owner, companyId, 'permanent', startsOn);
      await cohort.followUp(placementId, owner.caseId, monthsAfter, dueOn, employed);
    };
    await retained(a, 'caritas', beta, '2023-01-10', 12, '2024-01-10', true); // R1
    await retained(b, 'parish', beta, '2023-07-15', 6, '2024-01-15', true); // R2
    await retained(a, 'web', alfa, '2023-09-01', 6, '2024-03-01', false); // R3
    await retained(b, 'caritas', beta, '2023-10-01', 6, '2024-04-01', null); // R4, not recorded
    await retained(a, 'caritas', beta, '2023-06-01', 12, '2024-06-01', false); // R5
    await retained(b, 'parish', beta, '2023-11-10', 6, '2024-05-10', true); // R6
  });

  afterAll(async () => {
    await t.close();
  });

  const TOTALS = {
    intakes: 8, // X1 X2 X3 X4 X5 X7 X10 X11
    interviewsHeld: 9,
    triage: triage(5, 3, 1),
    placements: 7, // X1, X2 + extension, X3 + conversion, X6, X7
    placementsByContractType: contracts({
      permanent: 2,
      fixed_term: 2,
      apprenticeship: 1,
      other: 1,
      self_employment: 1,
    }),
    placementsByKind: kinds({ new: 5, extension: 1, conversion: 1 }),
    peoplePlaced: 5, // X1 X2 X3 X6 X7
    placedIntakes: 5, // X1 X2 X3 X7 X11
    placementRate: 0.625,
    medianDaysToPlacement: 52, // 10, 52, 60
    timedPlacements: 3,
    internshipsStarted: 3, // X3 X5 X11
    internshipsHired: 2, // X3 (Alfa), X11 (Beta, after the window)
    internshipConversionRate: 0.6667,
    retention6Months: retention(3, 2, 0.6667), // R2 R3 R6; R4 not recorded
    retention12Months: retention(2, 1, 0.5), // R1 R5
    companiesHiring: 2, // Alfa, Beta
    newCompanies: 2, // Alfa (15 Mar), Formula (30 Jun); Luglio joined on 1 Jul
  };

  it('reports the headline median of 52 days from first interview to placement, and every total', async () => {
    const body = await report({ ...H1, groupBy: 'month' });
    expect(body).toMatchObject({ ...H1, groupBy: 'month' });
    expect(body.totals).toEqual(TOTALS);
  });

  it('answers the same totals whatever the grouping', async () => {
    for (const groupBy of ['counsellor', 'track', 'company', 'referralSource']) {
      expect((await report({ ...H1, groupBy })).totals).toEqual(TOTALS);
    }
  });

  it('groups by month, each fact in the month of its own date, every month listed', async () => {
    const body = await report({ ...H1, groupBy: 'month' });
    expect(body.groups.map((group) => group.key)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
    expect(body.groups.map((group) => group.label)).toEqual(body.groups.map((group) => group.key));
    expect(groupOf(body, '2024-01')).toMatchObject({
      intakes: 4, // X1 X2 X10 (1 Jan in Rome) X11
      placedIntakes: 3,
      placementRate: 0.75,
      interviewsHeld: 2,
      triage: triage(2, 0, 0),
      placements: 1,
      placementsByContractType: contracts({ permanent: 1 }),
      peoplePlaced: 1,
      medianDaysToPlacement: 10,
      timedPlacements: 1,
      internshipsStarted: 0,
      internshipConversionRate: null,
      retention6Months: retention(1, 1, 1),
      retention12Months: retention(1, 1, 1),
      companiesHiring: 1,
      newCompanies: 0,
    });
    expect(groupOf(body, '2024-02')).toMatchObject({
      intakes: 1,
      placementRate: 1,
      interviewsHeld: 2,
      triage: triage(1, 1, 0),
      placements: 0,
      medianDaysToPlacement: null,
      internshipsStarted: 1,
      internshipsHired: 1,
      internshipConversionRate: 1,
      retention6Months: NO_RETENTION,
    });
    expect(groupOf(body, '2024-03')).toMatchObject({
      intakes: 1,
      placementRate: 0,
      interviewsHeld: 2,
      triage: triage(1, 0, 1),
      placements: 1,
      placementsByContractType: contracts({ fixed_term: 1 }),
      medianDaysToPlacement: 52,
      internshipsStarted: 1,
      internshipsHired: 1,
      retention6Months: retention(1, 0, 0),
      newCompanies: 1,
    });
    expect(groupOf(body, '2024-04')).toMatchObject({
      intakes: 1,
      interviewsHeld: 1,
      placements: 1,
      medianDaysToPlacement: 60,
      retention6Months: NO_RETENTION,
    });
    expect(groupOf(body, '2024-05')).toMatchObject({
      intakes: 1,
      placedIntakes: 1,
      interviewsHeld: 0,
      triage: triage(0, 0, 0),
      placements: 1,
      placementsByContractType: contracts({ other: 1 }),
      medianDaysToPlacement: null,
      timedPlacements: 0,
      internshipsStarted: 1,
      internshipsHired: 0,
      internshipConversionRate: 0,
      retention6Months: retention(1, 1, 1),
    });
    expect(groupOf(body, '2024-06')).toEqual({
      key: '2024-06',
      label: '2024-06',
      intakes: 0,
      interviewsHeld: 2, // X7, and X10 at 23:59 on 30 June in Rome
      triage: triage(1, 1, 0),
      placements: 3,
      placementsByContractType: contracts({ permanent: 1, fixed_term: 1, self_employment: 1 }),
      placementsByKind: kinds({ new: 1, extension: 1, conversion: 1 }),
      peoplePlaced: 3,
      placedIntakes: 0,
      placementRate: null,
      medianDaysToPlacement: null,
      timedPlacements: 0,
      internshipsStarted: 0,
      internshipsHired: 0,
      internshipConversionRate: null,
      retention6Months: NO_RETENTION,
      retention12Months: retention(1, 0, 0),
      companiesHiring: 1,
      newCompanies: 1,
    });
  });

  it('groups by counsellor, with the median of each one', async () => {
    const body = await report({ ...H1, groupBy: 'counsellor' });
    expect(body.groups.map((group) => group.key).sort()).toEqual([anna.user.id, bruno.user.id].sort());
    expect(groupOf(body, anna.user.id)).toEqual({
      key: anna.user.id,
      label: anna.user.fullName,
      intakes: 3, // X1 X2 X10
      interviewsHeld: 4,
      triage: triage(2, 2, 0),
      placements: 4, // X1, X2 + extension, X6
      placementsByContractType: contracts({ permanent: 1, fixed_term: 2, other: 1 }),
      placementsByKind: kinds({ new: 3, extension: 1 }),
      peoplePlaced: 3,
      placedIntakes: 2,
      placementRate: 0.6667,
      medianDaysToPlacement: 31, // 10 and 52
      timedPlacements: 2,
      internshipsStarted: 0,
      internshipsHired: 0,
      internshipConversionRate: null,
      retention6Months: retention(1, 0, 0), // R3
      retention12Months: retention(2, 1, 0.5), // R1 R5
      companiesHiring: 2,
      newCompanies: null,
    });
    expect(groupOf(body, bruno.user.id)).toMatchObject({
      label: bruno.user.fullName,
      intakes: 5, // X3 X4 X5 X7 X11
      interviewsHeld: 5,
      triage: triage(3, 1, 1),
      placements: 3,
      peoplePlaced: 2,
      placedIntakes: 3,
      placementRate: 0.6,
      medianDaysToPlacement: 60,
      timedPlacements: 1,
      internshipsStarted: 3,
      internshipsHired: 2,
      internshipConversionRate: 0.6667,
      retention6Months: retention(2, 2, 1), // R2 R6
      retention12Months: NO_RETENTION,
      companiesHiring: 1,
      newCompanies: null,
    });
  });

  it('groups by track, the most intensive route each case took', async () => {
    const body = await report({ ...H1, groupBy: 'track' });
    expect(body.groups.map((group) => [group.key, group.label])).toEqual([
      ['self_employment', 'Self-employment'],
      ['internship', 'Internship'],
      ['training', 'Training'],
      ['job_search', 'Job search'],
      ['none', 'No path yet'],
    ]);
    expect(groupOf(body, 'self_employment')).toMatchObject({
      intakes: 1,
      placementRate: 1,
      interviewsHeld: 1,
      placements: 1,
      placementsByContractType: contracts({ self_employment: 1 }),
      medianDaysToPlacement: null,
      timedPlacements: 0,
      companiesHiring: 0,
    });
    expect(groupOf(body, 'internship')).toMatchObject({
      intakes: 3, // X3 X5 X11
      placedIntakes: 2,
      placementRate: 0.6667,
      interviewsHeld: 3,
      triage: triage(2, 1, 0),
      placements: 2,
      placementsByKind: kinds({ new: 1, conversion: 1 }),
      medianDaysToPlacement: 60,
      internshipsStarted: 3,
      internshipsHired: 2,
      retention6Months: NO_RETENTION,
    });
    expect(groupOf(body, 'training')).toMatchObject({
      intakes: 1,
      interviewsHeld: 2,
      placements: 2,
      placementsByKind: kinds({ new: 1, extension: 1 }),
      peoplePlaced: 1,
      medianDaysToPlacement: 52,
      companiesHiring: 1,
    });
    expect(groupOf(body, 'job_search')).toMatchObject({
      intakes: 1, // X1 (X6 and R1-R6 were opened before)
      interviewsHeld: 1,
      placements: 2, // X1 X6
      peoplePlaced: 2,
      medianDaysToPlacement: 10,
      timedPlacements: 1,
      retention6Months: retention(3, 2, 0.6667),
      retention12Months: retention(2, 1, 0.5),
    });
    expect(groupOf(body, 'none')).toEqual({
      key: 'none',
      label: 'No path yet',
      intakes: 2, // X4 X10
      interviewsHeld: 2,
      triage: triage(0, 1, 1),
      placedIntakes: 0,
      placementRate: 0,
      ...NOTHING_PLACED,
      newCompanies: null,
    });
  });

  it('groups by company with only the measures a company has, self-employment apart', async () => {
    const body = await report({ ...H1, groupBy: 'company' });
    const keys = body.groups.map((group) => group.key);
    expect(keys).toHaveLength(4); // Luglio joined after the window and did nothing in it
    expect(keys).toEqual(expect.arrayContaining([company.alfa, company.beta, company.formula, null]));
    expect(body.groups.at(-1)).toMatchObject({ key: null, label: 'No company (self-employment)' });
    const notApplicable = {
      intakes: null,
      interviewsHeld: null,
      triage: null,
      placedIntakes: null,
      placementRate: null,
    };
    expect(groupOf(body, company.alfa)).toEqual({
      key: company.alfa,
      label: 'Officine Alfa',
      ...notApplicable,
      placements: 4,
      placementsByContractType: contracts({ permanent: 1, fixed_term: 2, apprenticeship: 1 }),
      placementsByKind: kinds({ new: 2, extension: 1, conversion: 1 }),
      peoplePlaced: 2,
      medianDaysToPlacement: 56, // 52 and 60
      timedPlacements: 2,
      internshipsStarted: 1,
      internshipsHired: 1,
      internshipConversionRate: 1,
      retention6Months: retention(1, 0, 0), // R3
      retention12Months: NO_RETENTION,
      companiesHiring: 1,
      newCompanies: 1,
    });
    expect(groupOf(body, company.beta)).toMatchObject({
      ...notApplicable,
      placements: 2,
      placementsByContractType: contracts({ permanent: 1, other: 1 }),
      medianDaysToPlacement: 10,
      internshipsStarted: 2, // X5 X11
      internshipsHired: 1,
      internshipConversionRate: 0.5,
      retention6Months: retention(2, 2, 1),
      retention12Months: retention(2, 1, 0.5),
      newCompanies: 0,
    });
    expect(groupOf(body, company.formula)).toEqual({
      key: company.formula,
      label: '=Formula & Co',
      ...notApplicable,
      ...NOTHING_PLACED,
      newCompanies: 1,
    });
    expect(groupOf(body, null)).toMatchObject({
      placements: 1,
      placementsByContractType: contracts({ self_employment: 1 }),
      peoplePlaced: 1,
      companiesHiring: 0,
      newCompanies: 0,
    });
  });

  it('groups by referral source in the order of the list, "not recorded" last', async () => {
    const body = await report({ ...H1, groupBy: 'referralSource' });
    expect(body.groups.map((group) => [group.key, group.label])).toEqual([
      ['parish', 'Parish'],
      ['caritas', 'Caritas'],
      ['social_services', 'Social services'],
      ['web', 'Web'],
      ['word_of_mouth', 'Word of mouth'],
      [null, 'Not recorded'],
    ]);
    expect(groupOf(body, 'caritas')).toMatchObject({
      intakes: 2, // X1 X3
      placementRate: 1,
      placements: 4, // X1, X3 + conversion, X6
      peoplePlaced: 3,
      medianDaysToPlacement: 35, // 10 and 60
      timedPlacements: 2,
      internshipsStarted: 1,
      retention6Months: NO_RETENTION, // R4 not recorded
      retention12Months: retention(2, 1, 0.5),
      companiesHiring: 2,
    });
    expect(groupOf(body, 'parish')).toMatchObject({
      intakes: 1,
      placements: 2,
      medianDaysToPlacement: 52,
      retention6Months: retention(2, 2, 1),
    });
    expect(groupOf(body, 'web')).toMatchObject({
      intakes: 1,
      placementRate: 0,
      internshipConversionRate: 0,
      retention6Months: retention(1, 0, 0),
    });
    expect(groupOf(body, 'word_of_mouth')).toMatchObject({
      intakes: 2,
      placementRate: 0.5,
      internshipsHired: 1,
    });
    expect(groupOf(body, null)).toMatchObject({
      intakes: 1,
      interviewsHeld: 1,
      triage: triage(0, 0, 1),
      placements: 0,
    });
  });

  it('groups by month when no grouping is asked for', async () => {
    const body = await report(H1);
    expect(body.groupBy).toBe('month');
    expect(body.groups).toHaveLength(6);
  });

  it('keeps the boundary days in the window and the day after out of it', async () => {
    const firstDay = await report({ from: '2024-01-01', to: '2024-01-01' });
    expect(firstDay.totals).toMatchObject({ intakes: 1, interviewsHeld: 0, placements: 0 }); // X10
    const lastDay = await report({ from: '2024-06-30', to: '2024-06-30' });
    expect(lastDay.totals).toMatchObject({ intakes: 0, interviewsHeld: 1, newCompanies: 1 }); // X10, Formula
    const dayAfter = await report({ from: '2024-07-01', to: '2024-07-01' });
    expect(dayAfter.totals).toMatchObject({ intakes: 1, interviewsHeld: 0, newCompanies: 1 }); // X9, Luglio
    const dayBefore = await report({ from: '2023-12-31', to: '2023-12-31' });
    expect(dayBefore.totals).toMatchObject({ intakes: 0, placements: 0 });
  });

  it('gives the CSV one row per group and a totals row, agreeing with the JSON cell by cell', async () => {
    const json = await report({ ...H1, groupBy: 'month' });
    const response = await t
      .http()
      .get('/api/reports/outcomes')
      .query({ ...H1, groupBy: 'month', format: 'csv' })
      .set(auth(coordinator));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('outcomes-month-2024-01-01-2024-06-30.csv');
    const [header, ...rows] = parse(response.text);
    expect(header.slice(0, 6)).toEqual([
      'key',
      'label',
      'intakes',
      'interviewsHeld',
      'triage.ready_for_placement',
      'triage.needs_training',
    ]);
    expect(header).toContain('placementsByContractType.self_employment');
    expect(header).toContain('retention12Months.rate');
    expect(rows).toHaveLength(json.groups.length + 1);
    const cell = (value: unknown, path: string) => {
      const found = path.split('.').reduce<unknown>((at, step) => (at as Measures | null)?.[step], value);
      return found === null || found === undefined
        ? ''
        : typeof found === 'string'
          ? found
          : JSON.stringify(found);
    };
    json.groups.forEach((group, index) => {
      expect(rows[index]).toEqual(header.map((column) => cell(group, column)));
    });
    expect(rows.at(-1)).toEqual([
      'total',
      'Total',
      ...header.slice(2).map((column) => cell(json.totals, column)),
    ]);
    expect(rows.at(-1)![header.indexOf('medianDaysToPlacement')]).toBe('52');
  });

  it('writes a company name that a spreadsheet would run as a formula as plain text in the CSV', async () => {
    const response = await t
      .http()
      .get('/api/reports/outcomes')
      .query({ ...H1, groupBy: 'company', format: 'csv' })
      .set(auth(coordinator));
    expect(response.status).toBe(200);
    const rows = parse(response.text);
    expect(rows.find((row) => row[0] === company.formula)?.[1]).toBe(`'=Formula & Co`);
    expect(rows.find((row) => row[0] === '')?.[1]).toBe('No company (self-employment)');
  });

  it('counts a case taken in, interviewed and placed through the API today, with 0 days to placement', async () => {
    const person = await t
      .http()
      .post('/api/beneficiaries')
      .set(auth(anna))
      .send(beneficiaryBody({ referralSource: 'web' }));
    expect(person.status).toBe(201);
    const opened = await t.http().post('/api/cases').set(auth(anna)).send({ beneficiaryId: person.body.id });
    expect(opened.status).toBe(201);
    const caseId = opened.body.id as string;
    const scheduled = await t
      .http()
      .post(`/api/cases/${caseId}/interviews`)
      .set(auth(anna))
      .send({ scheduledAt: new Date().toISOString() });
    const held = await t
      .http()
      .patch(`/api/interviews/${scheduled.body.id}`)
      .set(auth(anna))
      .send({ heldAt: new Date().toISOString(), triage: 'ready_for_placement' });
    expect(held.status).toBe(200);
    const status = async () =>
      ((await t.http().get(`/api/cases/${caseId}`).set(auth(anna))).body as { status: string }).status;
    await waitFor(async () => (await status()) === 'orientation', { message: 'orientation' });
    const placed = await t.http().post(`/api/cases/${caseId}/placements`).set(auth(anna)).send({
      companyId: company.beta,
      contractType: 'temporary_agency',
      startsOn: romeDay(),
      hoursPerWeek: 20,
    });
    expect(placed.status).toBe(201);
    await waitFor(async () => (await status()) === 'placed', { message: 'placed' });

    const body = await report({ from: romeDay(-1), to: romeDay(1), groupBy: 'counsellor' });
    expect(body.totals).toMatchObject({
      intakes: 1,
      interviewsHeld: 1,
      placements: 1,
      placementsByContractType: contracts({ temporary_agency: 1 }),
      peoplePlaced: 1,
      placedIntakes: 1,
      placementRate: 1,
      medianDaysToPlacement: 0,
      timedPlacements: 1,
      companiesHiring: 1,
    });
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ key: anna.user.id, label: anna.user.fullName, intakes: 1 });
  });

  describe('refusals', () => {
    it('answers 403 to counsellors and companies', async () => {
      for (const user of [anna, companyUser]) {
        const response = await t.http().get('/api/reports/outcomes').query(H1).set(auth(user));
        expect(response.status).toBe(403);
      }
    });

    it.each([
      ['no dates', {}],
      ['no from', { to: '2024-06-30' }],
      ['a day that does not exist', { from: '2023-02-29', to: '2024-06-30' }],
      ['an unknown grouping', { ...H1, groupBy: 'week' }],
      ['a grouping in the wrong case', { ...H1, groupBy: 'Month' }],
      ['an unknown format', { ...H1, format: 'pdf' }],
      ['an unknown parameter', { ...H1, counsellorId: 'x' }],
    ])('answers 400 to %s', async (_name, query) => {
      const response = await t.http().get('/api/reports/outcomes').query(query).set(auth(coordinator));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });

    it('answers 400 when from is after to', async () => {
      const response = await t
        .http()
        .get('/api/reports/outcomes')
        .query({ from: '2024-07-01', to: '2024-06-30', groupBy: 'month' })
        .set(auth(coordinator));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REPORT_INVALID_PERIOD' });
    });
  });
});
