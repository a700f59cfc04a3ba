import type { MigrationInterface, QueryRunner } from 'typeorm';
import { type FunctionEdit, replaceFragments, restoreFragments } from './function-definitions.js';

/*
 * The read model's trigger functions look rows up by key, one case at a time, instead of joining an
 * array of cases to whole tables.
 *
 * Their statements run on plans PostgreSQL makes once per session (the engine asks for generic plans),
 * and a generic plan cannot see how many cases an array parameter holds: it assumes 10 or 100. Against
 * tables of a few thousand rows that makes a hash join over a sequential scan look cheaper than 10
 * index lookups, and it stays the plan while the tables grow, since the plan is kept until the next
 * ANALYZE. A placement, which runs three of these functions for one case, read `report_cases` in full
 * three times and `beneficiaries`, `enrollments` and `follow_ups` once each (docs/DECISIONS.md).
 *
 * - A lookup of one row by key is a LATERAL subquery with LIMIT 1, which PostgreSQL cannot turn back
 *   into a join: it always runs as an index lookup per row of the array.
 * - The three copies of a moved case's keys are updated case by case.
 * - The FSE+ row of each case is recomputed by its own statement, so every join in it starts from one
 *   case and uses the indexes on the case and on the person.
 *
 * Every change is a replacement of a fragment of the body migration 1763700001000 or 1763700001050 wrote
 * (and 1763700001300 converted), found in the catalog whatever its whitespace; down() replaces back.
 */

const byKey = (table: string, key: string, value: string, alias: string) =>
  `CROSS JOIN LATERAL (SELECT * FROM ${table} WHERE ${key} = ${value} LIMIT 1) ${alias}`;

const MOVED_KEYS_UPDATES = ['report_cases', 'report_placements', 'report_internships'];
const SET_KEYS = (row: string) =>
  `SET counsellor_id = ${row}.counsellor_id, track = ${row}.track, referral_source = ${row}.referral_source`;

const CHANGES: FunctionEdit[] = [
  {
    signature: 'report_add(report_fact[], report_fact[])',
    replacements: [
      {
        from: 'JOIN report_cases k ON k.case_id = f.case_id',
        to: byKey('report_cases', 'case_id', 'f.case_id', 'k'),
      },
    ],
  },
  {
    signature: 'report_refresh_cases(uuid[])',
    replacements: [
      { from: 'moved report_cases[];', to: 'moved report_cases[];\n    m report_cases;' },
      {
        from: `FROM cases c JOIN beneficiaries b ON b.id = c.beneficiary_id JOIN report_cases k ON k.case_id = c.id
          WHERE c.id = ANY (changed_cases) AND`,
        to: `FROM (SELECT DISTINCT unnest(changed_cases) AS id) one
      ${byKey('cases', 'id', 'one.id', 'c')}
      ${byKey('beneficiaries', 'id', 'c.beneficiary_id', 'b')}
      ${byKey('report_cases', 'case_id', 'c.id', 'k')}
      WHERE`,
      },
      {
        from: 'FROM unnest(moved) n JOIN report_cases k ON k.case_id = n.case_id',
        to: `FROM unnest(moved) n\n    ${byKey('report_cases', 'case_id', 'n.case_id', 'k')}`,
      },
      {
        from: MOVED_KEYS_UPDATES.map(
          (table) => `UPDATE ${table} k ${SET_KEYS('n')} FROM unnest(moved) n WHERE k.case_id = n.case_id;`,
        ).join('\n'),
        to: `FOREACH m IN ARRAY moved LOOP
      ${MOVED_KEYS_UPDATES.map((table) => `UPDATE ${table} ${SET_KEYS('m')} WHERE case_id = m.case_id;`).join('\n      ')}
    END LOOP;`,
      },
    ],
  },
  {
    signature: 'report_participants_refresh(uuid[])',
    replacements: [
      { from: 'BEGIN', to: '\n  DECLARE\n    one uuid;\n  BEGIN', at: 'start' },
      {
        from: 'ORDER BY id FOR NO KEY UPDATE; INSERT INTO report_participants',
        to: 'ORDER BY id FOR NO KEY UPDATE;\n    FOR one IN SELECT DISTINCT unnest(changed_cases) LOOP\n    INSERT INTO report_participants',
      },
      { from: 'WHERE c.id = ANY (changed_cases)', to: 'WHERE c.id = one' },
      { from: 'END', to: 'END LOOP;\n  END\n', at: 'end' },
    ],
  },
];

export class ReportLookupsByKey1763700001400 implements MigrationInterface {
  name = 'ReportLookupsByKey1763700001400';

  async up(db: QueryRunner): Promise<void> {
    await replaceFragments(db, CHANGES);
  }

  async down(db: QueryRunner): Promise<void> {
    await restoreFragments(db, CHANGES);
  }
}
