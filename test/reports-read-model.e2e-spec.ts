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
    const [daily, cases, placements, internships] = await Promise.all([
      t.dataSource.query(`
        SELECT grouping, key, day::text, ${[
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
        ]
          .map((column) => `sum(${column})::int AS ${column}`)
          .join(', ')}
        FROM report_daily GROUP BY 1, 2, 3
        HAVING sum(abs(intakes) + abs(placed_intakes) + abs(interviews_held) + abs(follow_ups_due)
          + abs(follow_ups6_recorded) + abs(follow_ups12_recorded) + abs(triage_ready_for_placement)
          + abs(triage_needs_training) + abs(triage_out_of_target) + abs(follow_ups6_employed)
          + abs(follow_ups12_employed)) > 0
        ORDER BY 1, 2, 3`),
      t.dataSource.query(`SELECT * FROM report_cases ORDER BY case_id`),
      t.dataSource.query(`SELECT * FROM report_placements ORDER BY placement_id`),
      t.dataSource.query(`SELECT * FROM report_internships ORDER BY internship_id`),
    ]);
    return { daily, cases, placements, internships };
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
});
