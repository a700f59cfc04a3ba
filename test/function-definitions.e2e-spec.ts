import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type FunctionEdit,
  replaceFragments,
  restoreFragments,
} from '../libs/core/src/database/migrations/function-definitions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The migrations' edits of function bodies in the catalog (migrations 1763700001400 and later). */
describe('replacing fragments of a function body', () => {
  let t: TestApp;
  const edits: FunctionEdit[] = [
    { signature: 'fragments_probe(int)', replacements: [{ from: 'SELECT  $1 +\n 1', to: 'SELECT $1 + 2' }] },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    await t.dataSource.query(
      `CREATE FUNCTION fragments_probe(n int) RETURNS int LANGUAGE sql STABLE
       SET plan_cache_mode = force_generic_plan AS $$ SELECT  $1 +
 1 $$`,
    );
  });

  afterAll(async () => {
    await t.dataSource.query('DROP FUNCTION IF EXISTS fragments_probe(int)');
    await t.close();
  });

  const probe = async () => {
    const [row] = await t.dataSource.query<Array<{ value: number; settings: string[] }>>(
      `SELECT fragments_probe(10) AS value, p.proconfig AS settings, p.provolatile AS volatility
       FROM pg_proc p WHERE p.oid = 'fragments_probe(int)'::regprocedure`,
    );
    return row;
  };

  it('replaces a fragment whatever its whitespace, keeping the function settings and volatility', async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      await replaceFragments(runner, edits);
      expect(await probe()).toEqual({
        value: 12,
        settings: ['plan_cache_mode=force_generic_plan'],
        volatility: 's',
      });
      await restoreFragments(runner, edits);
      expect(await probe()).toEqual({
        value: 11,
        settings: ['plan_cache_mode=force_generic_plan'],
        volatility: 's',
      });
    } finally {
      await runner.release();
    }
  });

  it('refuses a fragment that is not found exactly once, changing nothing', async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      await expect(
        replaceFragments(runner, [
          { signature: 'fragments_probe(int)', replacements: [{ from: 'SELECT $1 + 3', to: 'SELECT 0' }] },
        ]),
      ).rejects.toThrow('expected one match');
      expect((await probe()).value).toBe(11);
    } finally {
      await runner.release();
    }
  });
});
