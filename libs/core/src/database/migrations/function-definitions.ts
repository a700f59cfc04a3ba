import type { QueryRunner } from 'typeorm';

/** What CREATE FUNCTION needs to re-create a function with another body, as the catalog holds it. */
export interface FunctionDefinition {
  name: string;
  args: string;
  result: string;
  language: string;
  volatility: 'i' | 's' | 'v';
  body: string;
}

const VOLATILITY = { i: 'IMMUTABLE', s: 'STABLE', v: 'VOLATILE' } as const;
const QUOTE = '$report_fn$';

export async function functionDefinition(db: QueryRunner, signature: string): Promise<FunctionDefinition> {
  const [row] = (await db.query(
    `SELECT p.proname AS name, pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
       l.lanname AS language, p.provolatile AS volatility, p.prosrc AS body
     FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = $1::regprocedure`,
    [signature],
  )) as FunctionDefinition[];
  return row;
}

/** Re-creates the function in `language` with `body`; dollar-quoted with a tag the body cannot contain. */
export async function replaceFunction(
  db: QueryRunner,
  f: FunctionDefinition,
  language: string,
  body: string,
): Promise<void> {
  if (body.includes(QUOTE)) throw new Error(`unexpected quote tag in ${f.name}`);
  await db.query(
    `CREATE OR REPLACE FUNCTION ${f.name}(${f.args}) RETURNS ${f.result}
     LANGUAGE ${language} ${VOLATILITY[f.volatility]} AS ${QUOTE}${body}${QUOTE}`,
  );
}
