import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkFiscalCodeAgainst, parseFiscalCode } from '#app/beneficiaries';
import { Role } from '#app/core';
import { DEMO_PASSWORD, DemoDataPresentError, type DemoSummary, seedDemo } from '#app/demo';
import { createTestApp, type TestApp } from './support/test-app.js';

const SIZE = 150;
const SEED = 42;
const THRESHOLDS = [10, 25, 50];

interface Metrics {
  placements: number;
  peoplePlaced: number;
  interviewsHeld: number;
  internshipsStarted: number;
  enrollmentsCompleted: number;
  grantsDisbursed: number;
  grantsDisbursedAmount: number;
  casesByState: Record<string, number>;
}

async function number(t: TestApp, sql: string): Promise<number> {
  const [row] = await t.dataSource.query<Array<{ n: string | null }>>(sql);
  return Number(row.n ?? 0);
}

async function login(t: TestApp, email: string, password = DEMO_PASSWORD) {
  return t.http().post('/api/auth/login').send({ email, password });
}

async function fiscalCodes(t: TestApp): Promise<string[]> {
  const rows = await t.dataSource.query<Array<{ fiscal_code: string }>>(
    'SELECT fiscal_code FROM beneficiaries ORDER BY fiscal_code',
  );
  return rows.map((row) => row.fiscal_code);
}

async function milestones(t: TestApp) {
  return t.dataSource.query<Array<{ threshold: number; placement_id: string; reached_at: Date }>>(
    'SELECT threshold, placement_id, reached_at FROM milestones ORDER BY threshold',
  );
}

describe('demo data set (npm run seed:demo)', () => {
  let t: TestApp;
  let summary: DemoSummary;
  let coordinatorToken: string;
  let metrics: Metrics;

  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { MILESTONE_THRESHOLDS: THRESHOLDS.join(',') } });
    summary = await seedDemo({ databaseUrl: t.databaseUrl, size: SIZE, seed: SEED });
    const session = await login(t, 'coordinator@demo.local');
    coordinatorToken = (session.body as { accessToken: string }).accessToken;
    const response = await t.http().get('/api/metrics').set('Authorization', `Bearer ${coordinatorToken}`);
    expect(response.status).toBe(200);
    metrics = response.body as Metrics;
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('loads the people asked for, one case each, and reports what it loaded', async () => {
    expect(summary.counts).toEqual({
      people: SIZE,
      cases: SIZE,
      placements: await number(t, 'SELECT count(*) AS n FROM placements'),
      peoplePlaced: await number(t, 'SELECT count(DISTINCT beneficiary_id) AS n FROM placements'),
      companies: await number(t, 'SELECT count(*) AS n FROM companies'),
      events: await number(t, 'SELECT count(*) AS n FROM case_events'),
    });
    expect(summary.counts.companies).toBeGreaterThanOrEqual(100);
    expect(summary.counts.placements).toBeGreaterThan(summary.counts.peoplePlaced);
  });

  it('creates an account for each role; one of each logs in with the demo password', async () => {
    const roles = [Role.ADMIN, Role.COMPANY, Role.COORDINATOR, Role.COUNSELLOR];
    expect([...new Set(summary.accounts.map((account) => account.role))].sort()).toEqual([...roles].sort());
    expect(summary.accounts.filter((account) => account.role === Role.COUNSELLOR)).toHaveLength(15);
    expect(summary.accounts.every((account) => account.password === DEMO_PASSWORD)).toBe(true);
    const stored = await t.dataSource.query<Array<{ email: string; role: Role }>>(
      `SELECT email, role FROM users WHERE email LIKE '%@demo.local'`,
    );
    const byEmail = (a: { email: string }, b: { email: string }) => (a.email < b.email ? -1 : 1);
    expect(stored.sort(byEmail)).toEqual(
      summary.accounts.map(({ email, role }) => ({ email, role })).sort(byEmail),
    );
    for (const role of roles) {
      const account = summary.accounts.find((candidate) => candidate.role === role)!;
      const session = await login(t, account.email);
      expect([account.email, session.status, (session.body as { user: { role: string } }).user.role]).toEqual(
        [account.email, 200, role],
      );
    }
  });

  it('gives each company account its own Board company, which has openings', async () => {
    const companyAccounts = summary.accounts.filter((account) => account.role === Role.COMPANY);
    expect(companyAccounts.length).toBeGreaterThanOrEqual(3);
    for (const account of companyAccounts) {
      const session = await login(t, account.email);
      const { user } = session.body as { user: { companyId: string } };
      const company = await t
        .http()
        .get(`/api/companies/${user.companyId}`)
        .set('Authorization', `Bearer ${(session.body as { accessToken: string }).accessToken}`);
      expect([company.status, (company.body as { name: string }).name]).toEqual([200, account.company]);
      expect(
        await number(t, `SELECT count(*) AS n FROM openings WHERE company_id = '${user.companyId}'`),
      ).toBeGreaterThan(0);
    }
  });

  it('gives everyone a valid fiscal code that agrees with birth date and gender', async () => {
    const people = await t.dataSource.query<
      Array<{ fiscal_code: string; birth_date: string; gender: 'F' | 'M' | 'X' }>
    >(`SELECT fiscal_code, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, gender FROM beneficiaries`);
    expect(people).toHaveLength(SIZE);
    for (const person of people) {
      expect([person.fiscal_code, parseFiscalCode(person.fiscal_code).ok]).toEqual([
        person.fiscal_code,
        true,
      ]);
      expect(
        checkFiscalCodeAgainst(person.fiscal_code, { birthDate: person.birth_date, gender: person.gender }),
      ).toEqual([]);
    }
  });

  it('applies every event with the engine, leaving nothing for the relay to publish', async () => {
    expect(await number(t, 'SELECT count(*) AS n FROM case_events WHERE applied_at IS NULL')).toBe(0);
    expect(await number(t, 'SELECT count(*) AS n FROM case_events WHERE published_at IS NULL')).toBe(0);
    // Each case's state is the last state its events moved it to.
    const mismatched = await number(
      t,
      `SELECT count(*) AS n FROM cases c
         JOIN LATERAL (SELECT to_state FROM case_events e
                        WHERE e.case_id = c.id AND e.to_state IS NOT NULL
                        ORDER BY e.sequence DESC LIMIT 1) last ON true
        WHERE last.to_state <> c.status`,
    );
    expect(mismatched).toBe(0);
  });

  it('answers metrics that agree with the rows', async () => {
    expect(metrics.placements).toBe(await number(t, 'SELECT count(*) AS n FROM placements'));
    expect(metrics.peoplePlaced).toBe(
      await number(t, 'SELECT count(DISTINCT beneficiary_id) AS n FROM placements'),
    );
    expect(metrics.interviewsHeld).toBe(
      await number(t, 'SELECT count(*) AS n FROM interviews WHERE held_at IS NOT NULL'),
    );
    expect(metrics.internshipsStarted).toBe(await number(t, 'SELECT count(*) AS n FROM internships'));
    expect(metrics.enrollmentsCompleted).toBe(
      await number(t, `SELECT count(*) AS n FROM enrollments WHERE status = 'completed'`),
    );
    expect(metrics.grantsDisbursed).toBe(
      await number(t, 'SELECT count(DISTINCT grant_id) AS n FROM disbursements'),
    );
    expect(metrics.grantsDisbursedAmount).toBe(
      (await number(t, 'SELECT sum(amount_cents) AS n FROM disbursements')) / 100,
    );
  });

  it('counts cases by state as the cases table holds them', async () => {
    const rows = await t.dataSource.query<Array<{ status: string; n: string }>>(
      'SELECT status, count(*) AS n FROM cases GROUP BY status',
    );
    const byState = Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
    const nonZero = Object.fromEntries(
      Object.entries(metrics.casesByState).filter(([, value]) => value !== 0),
    );
    expect(nonZero).toEqual(byState);
    expect(Object.values(metrics.casesByState).reduce((sum, value) => sum + value, 0)).toBe(SIZE);
  });

  it('records each milestone on the contract that crossed it, dated when it was signed', async () => {
    const contracts = await t.dataSource.query<Array<{ placement_id: string; occurred_at: Date }>>(
      `SELECT payload->>'placementId' AS placement_id, occurred_at FROM case_events
        WHERE type = 'placement.recorded' ORDER BY sequence`,
    );
    const reached = THRESHOLDS.filter((threshold) => threshold <= contracts.length);
    expect(reached.length).toBeGreaterThan(0);
    const recorded = await milestones(t);
    expect(recorded.map((milestone) => milestone.threshold)).toEqual(reached);
    for (const milestone of recorded) {
      const crossing = contracts[milestone.threshold - 1];
      expect([milestone.threshold, milestone.placement_id, milestone.reached_at.toISOString()]).toEqual([
        milestone.threshold,
        crossing.placement_id,
        crossing.occurred_at.toISOString(),
      ]);
    }
  });

  it('spreads the history over several years, with dates the engine took from the events', async () => {
    const [span] = await t.dataSource.query<Array<{ first: string; last: string; years: string }>>(
      `SELECT min(opened_at)::date::text AS first, max(opened_at)::date::text AS last,
              count(DISTINCT date_part('year', opened_at)) AS years FROM cases`,
    );
    expect(span.first >= '2021-01-01').toBe(true);
    expect(span.last <= '2026-11-20').toBe(true);
    expect(Number(span.years)).toBeGreaterThanOrEqual(5);
    const misdated = await number(
      t,
      `SELECT count(*) AS n FROM cases c
        WHERE c.placed_at IS DISTINCT FROM (SELECT min(occurred_at) FROM case_events e
                                             WHERE e.case_id = c.id AND e.type = 'placement.recorded')`,
    );
    expect(misdated).toBe(0);
    expect(
      await number(t, `SELECT count(*) AS n FROM cases WHERE status = 'closed' AND closed_at IS NULL`),
    ).toBe(0);
    expect(
      await number(
        t,
        `SELECT count(*) AS n FROM people_placed p
          WHERE p.first_placed_at <> (SELECT min(placed_at) FROM cases c WHERE c.beneficiary_id = p.beneficiary_id)`,
      ),
    ).toBe(0);
  });

  it("has the programme's shape, within loose bounds at this size", async () => {
    const [shape] = await t.dataSource.query<Array<Record<string, string>>>(
      `SELECT count(*) FILTER (WHERE date_part('year', age(c.opened_at::date, b.birth_date)) >= 50) AS over50,
              count(*) FILTER (WHERE b.citizenship <> 'IT') AS foreign,
              count(*) FILTER (WHERE b.referral_source IN ('parish', 'caritas', 'social_services', 'web', 'word_of_mouth')) AS referred,
              count(*) FILTER (WHERE b.employment_status IN ('unemployed', 'long_term_unemployed')) AS unemployed
         FROM beneficiaries b JOIN cases c ON c.beneficiary_id = b.id`,
    );
    const share = (key: string) => Number(shape[key]) / SIZE;
    expect(share('over50')).toBeGreaterThan(0.25);
    expect(share('over50')).toBeLessThan(0.55);
    expect(share('foreign')).toBeGreaterThan(0.18);
    expect(share('foreign')).toBeLessThan(0.5);
    expect(share('referred')).toBeGreaterThan(0.75);
    expect(share('unemployed')).toBeGreaterThan(0.6);
    expect(metrics.interviewsHeld / SIZE).toBeGreaterThan(0.8);
    expect(metrics.peoplePlaced / SIZE).toBeGreaterThan(0.1);
    expect(metrics.peoplePlaced / SIZE).toBeLessThan(0.45);
  });

  it('counts as ESF participants of a window the cases opened in it', async () => {
    const window = { from: '2024-01-01', to: '2025-06-30' };
    const response = await t
      .http()
      .get('/api/reports/esf-indicators')
      .query(window)
      .set('Authorization', `Bearer ${coordinatorToken}`);
    expect(response.status).toBe(200);
    const opened = await number(
      t,
      `SELECT count(*) AS n FROM cases
        WHERE (opened_at AT TIME ZONE 'Europe/Rome')::date BETWEEN '${window.from}' AND '${window.to}'`,
    );
    expect(opened).toBeGreaterThan(0);
    expect((response.body as { participants: { total: number } }).participants.total).toBe(opened);
  });

  it('refuses a second run on a database that holds people, and changes nothing', async () => {
    await expect(seedDemo({ databaseUrl: t.databaseUrl, size: 10, seed: 1 })).rejects.toBeInstanceOf(
      DemoDataPresentError,
    );
    expect(await number(t, 'SELECT count(*) AS n FROM beneficiaries')).toBe(SIZE);
    expect(await number(t, 'SELECT count(*) AS n FROM case_events')).toBe(summary.counts.events);
  });

  describe('on a second fresh database with the same seed', () => {
    let second: TestApp;
    let secondSummary: DemoSummary;

    beforeAll(async () => {
      second = await createTestApp({ worker: false, env: { MILESTONE_THRESHOLDS: THRESHOLDS.join(',') } });
      // An admin from ADMIN_EMAIL-style bootstrap already holds the demo admin's email.
      const created = await second
        .http()
        .post('/api/users')
        .set('Authorization', `Bearer ${second.adminToken}`)
        .send({
          email: 'admin@demo.local',
          password: 'someone-elses-password',
          fullName: 'Ops',
          role: Role.ADMIN,
        });
      expect(created.status).toBe(201);
      secondSummary = await seedDemo({ databaseUrl: second.databaseUrl, size: SIZE, seed: SEED });
    }, 120_000);

    afterAll(async () => {
      await second.close();
    });

    it('produces the same people, contracts and counts', async () => {
      expect(await fiscalCodes(second)).toEqual(await fiscalCodes(t));
      expect(secondSummary.counts).toEqual(summary.counts);
      const response = await second
        .http()
        .get('/api/metrics')
        .set('Authorization', `Bearer ${second.adminToken}`);
      expect(response.body).toEqual(metrics);
      const placementIds = async (app: TestApp) =>
        app.dataSource.query(
          'SELECT id, case_id, starts_on, contract_type, kind FROM placements ORDER BY id',
        );
      expect(await placementIds(second)).toEqual(await placementIds(t));
      expect((await milestones(second)).map((m) => [m.threshold, m.placement_id])).toEqual(
        (await milestones(t)).map((m) => [m.threshold, m.placement_id]),
      );
    });

    it('keeps an account that already held a demo email, untouched', async () => {
      const admin = secondSummary.accounts.find((account) => account.email === 'admin@demo.local');
      expect(admin?.password).not.toBe(DEMO_PASSWORD);
      expect((await login(second, 'admin@demo.local', 'someone-elses-password')).status).toBe(200);
      expect((await login(second, 'admin@demo.local')).status).toBe(401);
    });
  });
});
