import type { MigrationInterface, QueryRunner } from 'typeorm';

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

interface Definition {
  name: string;
  args: string;
  result: string;
  volatility: 'i' | 's' | 'v';
  body: string;
}

const VOLATILITY = { i: 'IMMUTABLE', s: 'STABLE', v: 'VOLATILE' } as const;

async function definition(db: QueryRunner, signature: string): Promise<Definition> {
  const [row] = (await db.query(
    `SELECT proname AS name, pg_get_function_arguments(oid) AS args, pg_get_function_result(oid) AS result,
       provolatile AS volatility, prosrc AS body
     FROM pg_proc WHERE oid = $1::regprocedure`,
    [signature],
  )) as Definition[];
  return row;
}

/** Re-creates the function in `language` with `body`; dollar-quoted with a tag the body cannot contain. */
async function recreate(db: QueryRunner, f: Definition, language: string, body: string): Promise<void> {
  if (body.includes('$report_fn$')) throw new Error(`unexpected quote tag in ${f.name}`);
  await db.query(
    `CREATE OR REPLACE FUNCTION ${f.name}(${f.args}) RETURNS ${f.result}
     LANGUAGE ${language} ${VOLATILITY[f.volatility]} AS $report_fn$${body}$report_fn$`,
  );
}

export class ReportFunctionsPlpgsql1763700001300 implements MigrationInterface {
  name = 'ReportFunctionsPlpgsql1763700001300';

  async up(db: QueryRunner): Promise<void> {
    for (const { signature, prefix, suffix } of FUNCTIONS) {
      const f = await definition(db, signature);
      await recreate(db, f, 'plpgsql', `${prefix}${f.body}${suffix}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const { signature, prefix, suffix } of FUNCTIONS) {
      const f = await definition(db, signature);
      if (!f.body.startsWith(prefix) || !f.body.endsWith(suffix)) {
        throw new Error(`${f.name} is not the function this migration wrote`);
      }
      await recreate(db, f, 'sql', f.body.slice(prefix.length, -suffix.length));
    }
  }
}
