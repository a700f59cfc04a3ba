import type { MigrationInterface, QueryRunner } from 'typeorm';
import { functionDefinition, replaceFunction } from './function-definitions.js';

/*
 * The read model's two SQL-language functions that triggers call once per written row, `report_add` and
 * `report_track_of`, become PL/pgSQL functions with the same statement. PostgreSQL cannot inline either
 * (an INSERT; a CASE of sub-selects), and a SQL-language function that is not inlined is parsed and
 * planned again every time the statement calling it runs, that is at every trigger call: about half of
 * what a case's placement spent in its triggers (docs/DECISIONS.md). PL/pgSQL keeps the plans for the
 * session. The bodies are the ones migration 1763700001000 wrote, taken from the catalog; in PL/pgSQL
 * their unqualified column names (`case_id`, as the second function's parameter is also called) would
 * be ambiguous, so `#variable_conflict use_column` gives them the meaning they have in SQL.
 */

/** The functions converted, and how a SQL body becomes a PL/pgSQL one: prefix + body + suffix. */
const PREFIX = '#variable_conflict use_column\nBEGIN\n';
const FUNCTIONS = [
  { signature: 'report_add(report_fact[], report_fact[])', prefix: PREFIX, suffix: ';\nEND' },
  { signature: 'report_track_of(uuid, boolean)', prefix: `${PREFIX}RETURN (`, suffix: ');\nEND' },
];

export class ReportFunctionsPlpgsql1763700001300 implements MigrationInterface {
  name = 'ReportFunctionsPlpgsql1763700001300';

  async up(db: QueryRunner): Promise<void> {
    for (const { signature, prefix, suffix } of FUNCTIONS) {
      const f = await functionDefinition(db, signature);
      await replaceFunction(db, f, 'plpgsql', `${prefix}${f.body}${suffix}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const { signature, prefix, suffix } of FUNCTIONS) {
      const f = await functionDefinition(db, signature);
      if (!f.body.startsWith(prefix) || !f.body.endsWith(suffix)) {
        throw new Error(`${f.name} is not the function this migration wrote`);
      }
      await replaceFunction(db, f, 'sql', f.body.slice(prefix.length, -suffix.length));
    }
  }
}
