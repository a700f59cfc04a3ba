import pg from 'pg';

/** The server the tests use; any database named in DATABASE_URL is replaced by one of their own. */
export function serverUrl(): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432');
  url.pathname = '/postgres';
  return url.toString();
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function assertTestEnvironment(): void {
  if (process.env.NODE_ENV !== 'test') throw new Error('Test database helpers run only with NODE_ENV=test');
}

export const TEST_DB_PREFIX = 'pcm_test_';
