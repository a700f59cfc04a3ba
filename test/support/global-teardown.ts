import pg from 'pg';

/** Drops every database this run created, including those of suites that crashed before closing. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.NODE_ENV !== 'test') throw new Error('The test suite runs only with NODE_ENV=test');
  const runId = process.env.TEST_RUN_ID;
  if (!runId) return;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432');
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`pcm_test_${runId}_%`],
    );
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
