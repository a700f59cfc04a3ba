import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { preparedQuery } from '#app/core';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The API's named prepared statements, on the app's own pool of 3 connections. */
describe('preparedQuery', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { DATABASE_POOL_SIZE: '3' } });
  });

  afterAll(async () => {
    await t.close();
  });

  const square = (n: number) =>
    preparedQuery<{ n: number }>(t.dataSource, 'SELECT ($1::int * $1::int) AS n', [n]);
  const negate = (n: number) => preparedQuery<{ n: number }>(t.dataSource, 'SELECT (-$1::int) AS n', [n]);

  it('runs statements of different texts side by side on every connection, each under its own name', async () => {
    const numbers = Array.from({ length: 30 }, (_, i) => i + 1);
    const answers = await Promise.all(numbers.map((n) => (n % 2 ? square(n) : negate(n))));
    expect(answers.map(([row]) => row.n)).toEqual(numbers.map((n) => (n % 2 ? n * n : -n)));
    const names = await Promise.all(
      numbers.map(() =>
        preparedQuery<{ name: string }>(
          t.dataSource,
          `SELECT name FROM pg_prepared_statements WHERE statement = 'SELECT ($1::int * $1::int) AS n'`,
          [],
        ),
      ),
    );
    expect(new Set(names.flat().map(({ name }) => name)).size).toBe(1);
  });

  it('fails as TypeORM does, and the statement runs again on the same connections afterwards', async () => {
    const divide = (by: number) =>
      preparedQuery<{ n: number }>(t.dataSource, 'SELECT (12 / $1::int) AS n', [by]);
    const failures = await Promise.allSettled(Array.from({ length: 6 }, () => divide(0)));
    for (const failure of failures) {
      expect(failure.status).toBe('rejected');
      const error = (failure as PromiseRejectedResult).reason as QueryFailedError & {
        driverError: { code: string };
      };
      expect(error).toBeInstanceOf(QueryFailedError);
      expect(error.driverError.code).toBe('22012');
    }
    const answers = await Promise.all(Array.from({ length: 6 }, () => divide(4)));
    expect(answers.map(([row]) => row.n)).toEqual(Array(6).fill(3));
  });

  it('reports a statement that does not parse, and the pool keeps serving', async () => {
    await expect(preparedQuery(t.dataSource, 'SELEC 1', [])).rejects.toBeInstanceOf(QueryFailedError);
    await expect(square(7)).resolves.toEqual([{ n: 49 }]);
  });
});
