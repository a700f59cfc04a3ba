import type { QueryRunner } from 'typeorm';

/** What CREATE FUNCTION needs to re-create a function with another body, as the catalog holds it. */
export interface FunctionDefinition {
  name: string;
  args: string;
  result: string;
  language: string;
  volatility: 'i' | 's' | 'v';
  body: string;
  /** The function's own settings (`SET plan_cache_mode = ...`), as `name=value`. */
  settings: string[];
}

const VOLATILITY = { i: 'IMMUTABLE', s: 'STABLE', v: 'VOLATILE' } as const;
const QUOTE = '$report_fn$';

export async function functionDefinition(db: QueryRunner, signature: string): Promise<FunctionDefinition> {
  const [row] = (await db.query(
    `SELECT p.proname AS name, pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
       l.lanname AS language, p.provolatile AS volatility, p.prosrc AS body,
       coalesce(p.proconfig, '{}') AS settings
     FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = $1::regprocedure`,
    [signature],
  )) as FunctionDefinition[];
  return row;
}

/**
 * Re-creates the function in `language` with `body`, dollar-quoted with a tag the body cannot contain.
 * Its settings are given again: CREATE OR REPLACE would drop them.
 */
export async function replaceFunction(
  db: QueryRunner,
  f: FunctionDefinition,
  language: string,
  body: string,
): Promise<void> {
  if (body.includes(QUOTE)) throw new Error(`unexpected quote tag in ${f.name}`);
  const settings = f.settings.map((setting) => {
    const equals = setting.indexOf('=');
    return `SET ${setting.slice(0, equals)} = '${setting.slice(equals + 1).replaceAll("'", "''")}'`;
  });
  await db.query(
    `CREATE OR REPLACE FUNCTION ${f.name}(${f.args}) RETURNS ${f.result}
     LANGUAGE ${language} ${VOLATILITY[f.volatility]} ${settings.join(' ')} AS ${QUOTE}${body}${QUOTE}`,
  );
}

/** A fragment of a function body to replace. */
export interface Replacement {
  /** Matched once, any run of whitespace in it standing for any other; `at`: only at the start or end. */
  from: string;
  to: string;
  at?: 'start' | 'end';
}

/** A fragment as a pattern that matches it whatever its whitespace. */
function pattern({ from, at }: Replacement): RegExp {
  const words = from
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(
    `${at === 'start' ? '^\\s*' : ''}${words.join('\\s+')}${at === 'end' ? '\\s*$' : ''}`,
    'g',
  );
}

function replaceOnce(body: string, replacement: Replacement, name: string): string {
  const matches = body.match(pattern(replacement))?.length ?? 0;
  if (matches !== 1)
    throw new Error(`${name}: expected one match of "${replacement.from}", found ${matches}`);
  return body.replace(pattern(replacement), () => replacement.to);
}

/** Fragments to replace in the body of the function `signature`. */
export interface FunctionEdit {
  signature: string;
  replacements: Replacement[];
}

/** Replaces each fragment, found exactly once whatever its whitespace, in the catalog's bodies. */
export async function replaceFragments(db: QueryRunner, edits: FunctionEdit[]): Promise<void> {
  for (const { signature, replacements } of edits) {
    const f = await functionDefinition(db, signature);
    const body = replacements.reduce((text, r) => replaceOnce(text, r, f.name), f.body);
    await replaceFunction(db, f, f.language, body);
  }
}

/** Undoes `replaceFragments`: each replacement back, last first. */
export async function restoreFragments(db: QueryRunner, edits: FunctionEdit[]): Promise<void> {
  await replaceFragments(
    db,
    edits.map(({ signature, replacements }) => ({
      signature,
      replacements: [...replacements].reverse().map(({ from, to, at }) => ({ from: to, to: from, at })),
    })),
  );
}
