import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { vatNumber } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The reports' read model is kept by triggers as facts are written, changed and deleted, and as cases
 * change counsellor, track or referral source. Whatever the order of the writes, it must hold exactly what
 * report_rebuild() computes from the domain tables.
 */
const DAY_MEASURES = [
  'intakes',
  'placed_intakes',
  'interviews_held',
  'triage_ready_for_placement',
  'triage_needs_training',
  'triage_out_of_target',
  'follow_ups_due',
  'follow_ups6_recorded',
  'follow_ups6_employed',
  'follow_ups12_recorded',
  'follow_ups12_employed',
];

describe('reports read model', () => {
  let t: TestApp;
  let counsellors: string[];
  const tag = randomBytes(3).toString('hex').toUpperCase();
  let sequence = 0;

  const one = async (sql: string, parameters: unknown[] = []): Promise<string> => {
    const [row] = await t.dataSource.query<Array<{ id: string }>>(`${sql} RETURNING id`, parameters);
    return row.id;
  };

  /** The model with the day counts summed over their shards and zero rows dropped, in a stable order. */
  const snapshot = async () => {
    const [daily, cases, placements, internships, participants] = await Promise.all([
      t.dataSource.query(`
        SELECT grouping, key, day::text, ${DAY_MEASURES.map((column) => `sum(${column})::int AS ${column}`).join(', ')}
        FROM report_daily GROUP BY 1, 2, 3
        -- Zero once summed over the shards: a fact counted in one session's shard and moved in another's.
        HAVING ${DAY_MEASURES.map((column) => `sum(${column}) <> 0`).join(' OR ')}
        ORDER BY 1, 2, 3`),
      t.dataSource.query(`SELECT * FROM report_cases ORDER BY case_id`),
      t.dataSource.query(`SELECT * FROM report_placements ORDER BY placement_id`),
      t.dataSource.query(`SELECT * FROM report_internships ORDER BY internship_id`),
      t.dataSource.query(`SELECT * FROM report_participants ORDER BY case_id`),
    ]);
    return { daily, cases, placements, internships, participants };
  };

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    counsellors = [
      (await t.userToken(Role.COUNSELLOR)).user.id,
      (await t.userToken(Role.COUNSELLOR)).user.id,
    ];
  });

  afterAll(async () => {
    await t?.close();
  });

  it('matches a rebuild from the domain tables after every kind of change', async () => {
    const company = await one(
      `INSERT INTO companies (name, vat_number, ateco_code, municipality, employees, board_member_since)
       VALUES ('Officine', $1, '25.62', 'Bologna', 40, '2024-01-01')`,
      [vatNumber()],
    );
    const people: string[] = [];
    for (const referral of ['parish', 'web', null]) {
      people.push(
        await one(
          `INSERT INTO beneficiaries (first_name, last_name, fiscal_code, referral_source, privacy_consent_at)
           VALUES ('Read', 'Model', $1, $2, now())`,
          [`RM${tag}${String(++sequence).padStart(8, '0')}`, referral],
        ),
      );
    }
    // Several cases in one statement, one opened just before midnight in Rome.
    const cases = (
      await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO cases (beneficiary_id, counsellor_id, status, opened_at, last_activity_at)
         SELECT p, $2, 'orientation', o, o
         FROM unnest($1::uuid[], ARRAY['2024-01-10T09:00:00Z', '2024-02-29T22:30:00Z', '2024-03-05T09:00:00Z']::timestamptz[]) AS x(p, o)
         RETURNING id`,
        [people, counsellors[0]],
      )
    ).map((row) => row.id);
    const [first, second, third] = cases;

    const interviews = (
      await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO interviews (case_id, scheduled_at, held_at, triage)
         VALUES ($1, '2024-01-12T09:00:00Z', '2024-01-12T09:00:00Z', 'ready_for_placement'),
                ($1, '2024-02-12T09:00:00Z', '2024-02-12T09:00:00Z', NULL),
                ($2, '2024-03-02T09:00:00Z', NULL, NULL),
                ($3, '2024-03-07T09:00:00Z', '2024-03-07T09:00:00Z', 'needs_training')
         RETURNING id`,
        [first, second, third],
      )
    ).map((row) => row.id);
    // Held later, a triage corrected, notes only (no fact changes), one deleted.
    await t.dataSource.query(
      `UPDATE interviews SET held_at = '2024-03-03T08:00:00Z', triage = 'ready_for_placement' WHERE id = $1`,
      [interviews[2]],
    );
    await t.dataSource.query(`UPDATE interviews SET triage = 'out_of_target' WHERE id = $1`, [interviews[3]]);
    await t.dataSource.query(`UPDATE interviews SET notes = 'Rivisto' WHERE case_id = $1`, [first]);
    await t.dataSource.query(`DELETE FROM interviews WHERE id = $1`, [interviews[1]]);

    // The second case: an internship, then a contract with the host (a hire), its follow-ups, placed.
    await one(
      `INSERT INTO internships (case_id, company_id, starts_on, ends_on, monthly_allowance_cents, tutor_name)
       VALUES ($1, $2, '2024-03-20', '2024-06-20', 50000, 'Tutor')`,
      [second, company],
    );
    const placement = await one(
      `INSERT INTO placements (case_id, beneficiary_id, company_id, contract_type, kind, starts_on)
       VALUES ($1, $2, $3, 'permanent', 'new', '2024-06-21')`,
      [second, people[1], company],
    );
    await t.dataSource.query(
      `INSERT INTO follow_ups (placement_id, case_id, months_after, due_on)
       VALUES ($1, $2, 3, '2024-09-21'), ($1, $2, 6, '2024-12-21'), ($1, $2, 12, '2025-06-21')`,
      [placement, second],
    );
    await t.dataSource.query(
      `UPDATE follow_ups SET recorded_at = '2024-12-22T09:00:00Z', employed = true
       WHERE placement_id = $1 AND months_after = 6`,
      [placement],
    );
    await t.dataSource.query(
      `UPDATE cases SET placed_at = '2024-06-21T08:00:00Z', status = 'placed' WHERE id = $1`,
      [second],
    );
    // A first interview held earlier than the one on record moves the days to placement.
    await one(
      `INSERT INTO interviews (case_id, scheduled_at, held_at, triage) VALUES ($1, '2024-03-01T09:00:00Z', '2024-03-01T09:00:00Z', NULL)`,
      [second],
    );

    // The first case: training, then a proposal, then a submitted grant; the track follows.
    const course = await one(
      `INSERT INTO courses (title, provider, hours, starts_on, ends_on, capacity)
       VALUES ('Magazzino', 'Ente', 80, '2024-02-01', '2024-03-15', 20)`,
    );
    await one(
      `INSERT INTO enrollments (course_id, case_id, enrolled_at) VALUES ($1, $2, '2024-02-01T09:00:00Z')`,
      [course, first],
    );
    const line = await one(
      `INSERT INTO funding_lines (code, name, fund, cup, programmed_cents)
       VALUES ($1, 'Autoimpiego', 'FSE+', 'F31D23000140007', 400000000)`,
      [`RM${tag}`],
    );
    const grant = await one(
      `INSERT INTO grants (case_id, funding_line_id, business_name, ateco_code, plan_summary, requested_cents)
       VALUES ($1, $2, 'Sartoria', '14.13', 'Piano', 500000)`,
      [first, line],
    );
    await t.dataSource.query(`UPDATE grants SET status = 'submitted', submitted_at = now() WHERE id = $1`, [
      grant,
    ]);

    // Reassigned, and a person's referral source corrected.
    await t.dataSource.query(`UPDATE cases SET counsellor_id = $1 WHERE id = ANY ($2)`, [
      counsellors[1],
      [first, second],
    ]);
    await t.dataSource.query(`UPDATE beneficiaries SET referral_source = 'caritas' WHERE id = $1`, [
      people[2],
    ]);

    const kept = await snapshot();
    expect(kept.cases.map((row: { track: string }) => row.track).sort()).toEqual([
      'internship',
      'none',
      'self_employment',
    ]);
    expect(kept.placements).toEqual([
      expect.objectContaining({ days_to_placement: 112, track: 'internship', counsellor_id: counsellors[1] }),
    ]);
    expect(kept.internships).toEqual([expect.objectContaining({ hired: true })]);

    await t.dataSource.query('SELECT report_rebuild()');
    expect(kept).toEqual(await snapshot());
  });

  it('keeps the FSE+ participants equal to a rebuild through closings, contracts, courses, edits and erasure', async () => {
    const person = (gender: string, birthDate: string, status: string) =>
      one(
        `INSERT INTO beneficiaries (first_name, last_name, fiscal_code, gender, birth_date, employment_status,
           education_level, citizenship, disability, privacy_consent_at)
         VALUES ('Esf', 'Model', $1, $2, $3, $4, 3, 'MA', true, now())`,
        [`RM${tag}${String(++sequence).padStart(8, '0')}`, gender, birthDate, status],
      );
    const openCase = (beneficiary: string, openedAt: string) =>
      one(
        `INSERT INTO cases (beneficiary_id, counsellor_id, status, opened_at, last_activity_at)
         VALUES ($1, $2, 'job_search', $3, $3)`,
        [beneficiary, counsellors[0], openedAt],
      );
    const close = async (caseId: string, closedAt: string, reason: string) => {
      await t.dataSource.query(
        `INSERT INTO case_events (case_id, type, occurred_at, published_at, applied_at, from_state, to_state)
         VALUES ($1, 'case.closed', $2, $2, $2, 'job_search', 'closed')`,
        [caseId, closedAt],
      );
      await t.dataSource.query(
        `UPDATE cases SET status = 'closed', closed_at = $2, closed_reason = $3 WHERE id = $1`,
        [caseId, closedAt, reason],
      );
    };
    const company = await t.createCompany();
    const searcher = await person('F', '2006-01-01', 'unemployed');
    const placed = await person('M', '1968-05-05', 'long_term_unemployed');

    // Closed from job search; a course completed with a qualification within the four weeks.
    const searched = await openCase(searcher, '2023-12-31T23:30:00Z');
    const course = await one(
      `INSERT INTO courses (title, provider, hours, starts_on, ends_on, capacity)
       VALUES ('Saldatura', 'Ente', 80, '2024-03-01', '2024-04-15', 20)`,
    );
    const enrollment = await one(
      `INSERT INTO enrollments (course_id, case_id, enrolled_at) VALUES ($1, $2, '2024-03-01T09:00:00Z')`,
      [course, searched],
    );
    await close(searched, '2024-04-01T09:00:00Z', 'other');
    await t.dataSource.query(
      `UPDATE enrollments SET status = 'completed', ended_at = '2024-04-15T15:00:00Z', qualification = 'Patentino'
       WHERE id = $1`,
      [enrollment],
    );
    // A later case of the same person signs a contract within the four weeks: employment upon leaving.
    const later = await openCase(searcher, '2024-04-10T09:00:00Z');
    const laterContract = await one(
      `INSERT INTO placements (case_id, beneficiary_id, company_id, contract_type, kind, starts_on)
       VALUES ($1, $2, $3, 'fixed_term', 'new', '2024-04-20')`,
      [later, searcher, company],
    );

    // Placed, with an employed six-month follow-up.
    const hired = await openCase(placed, '2024-02-01T09:00:00Z');
    const contract = await one(
      `INSERT INTO placements (case_id, beneficiary_id, company_id, contract_type, kind, starts_on)
       VALUES ($1, $2, $3, 'permanent', 'new', '2024-03-01')`,
      [hired, placed, company],
    );
    await t.dataSource.query(
      `UPDATE cases SET status = 'placed', placed_at = '2024-03-01T08:00:00Z' WHERE id = $1`,
      [hired],
    );
    await t.dataSource.query(
      `INSERT INTO follow_ups (placement_id, case_id, months_after, due_on, recorded_at, employed)
       VALUES ($1, $2, 6, '2024-09-01', '2024-09-02T09:00:00Z', true)`,
      [contract, hired],
    );
    const kept = await snapshot();
    expect(kept.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          case_id: searched,
          age_at_entry: 18,
          job_searching: true,
          in_employment: true,
          in_training: true,
          qualified: true,
        }),
        expect.objectContaining({ case_id: hired, in_employment: true, employed_six_months: true }),
      ]),
    );
    await t.dataSource.query('SELECT report_rebuild()');
    expect(await snapshot()).toEqual(kept);

    // Attributes corrected, a contract withdrawn, a follow-up re-recorded, the closing event removed, a case
    // moved to another person, then the person erased (which keeps what the indicators classify).
    await t.dataSource.query(
      `UPDATE beneficiaries SET birth_date = '2005-12-31', employment_status = 'inactive', gender = 'X',
         education_level = 6, citizenship = 'IT', disability = false WHERE id = $1`,
      [searcher],
    );
    await t.dataSource.query(`DELETE FROM placements WHERE id = $1`, [laterContract]);
    await t.dataSource.query(`UPDATE follow_ups SET employed = false WHERE case_id = $1`, [hired]);
    await t.dataSource.query(`DELETE FROM case_events WHERE case_id = $1 AND to_state = 'closed'`, [
      searched,
    ]);
    await t.dataSource.query(`UPDATE cases SET beneficiary_id = $1 WHERE id = $2`, [placed, searched]);
    await t.dataSource.query(`UPDATE cases SET opened_at = '2024-05-02T09:00:00Z' WHERE id = $1`, [later]);
    const erased = await t
      .http()
      .post(`/api/beneficiaries/${searcher}/erase`)
      .set('Authorization', `Bearer ${t.adminToken}`)
      .send({});
    expect(erased.status).toBe(200);
    const edited = await snapshot();
    expect(edited.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          case_id: searched,
          gender: 'M',
          job_searching: false,
          in_employment: false,
        }),
        expect.objectContaining({
          case_id: later,
          gender: 'X',
          employment_status: 'inactive',
          age_at_entry: 18,
        }),
        expect.objectContaining({ case_id: hired, employed_six_months: false }),
      ]),
    );
    await t.dataSource.query('SELECT report_rebuild()');
    expect(await snapshot()).toEqual(edited);
  });
});
