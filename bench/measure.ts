import autocannon from 'autocannon';
import type pg from 'pg';

export function percentile(samples: number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function elapsedMs(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

export interface LoadResult {
  /** Completed operations per second. */
  rate: number;
  p50: number;
  p99: number;
  /** Operations that failed (non-2xx answers, errors); a figure with failures is not reported. */
  failures: number;
}

export interface Session {
  baseUrl: string;
  token: string;
}

export async function call<T>(
  session: Pick<Session, 'baseUrl'> & { token?: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${session.baseUrl}${path}`, {
    method,
    headers: {
      ...(session.token ? { Authorization: `Bearer ${session.token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function expectOk<T>(
  session: Pick<Session, 'baseUrl'> & { token?: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const answer = await call<T>(session, method, path, body);
  if (answer.status >= 300) {
    throw new Error(`bench: ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

export async function login(baseUrl: string, email: string, password: string): Promise<Session> {
  const { accessToken } = await expectOk<{ accessToken: string }>({ baseUrl }, 'POST', '/api/auth/login', {
    email,
    password,
  });
  return { baseUrl, token: accessToken };
}

/** An HTTP request as autocannon sends it; `path` may change per request. */
export interface Shot {
  method: 'GET' | 'PATCH' | 'POST';
  /** Called for every request, so requests can walk through many ids. */
  path: () => string;
  body?: string;
}

/** How long a load lasts: `seconds`, or until `amount` requests have been answered. */
export type LoadSpan = { seconds: number; amount?: never } | { amount: number; seconds?: never };

/**
 * Load on loopback with autocannon, all connections busy (`overallRate` unset) or at a fixed overall
 * rate (then latencies are corrected for coordinated omission, as autocannon does by default).
 */
export async function cannon(
  session: Session,
  shot: Shot,
  { connections, overallRate, ...span }: { connections: number; overallRate?: number } & LoadSpan,
): Promise<LoadResult> {
  const begun = process.hrtime.bigint();
  let lastAnswer = begun;
  const instance = autocannon({
    url: session.baseUrl,
    connections,
    ...(span.amount === undefined ? { duration: span.seconds } : { amount: span.amount }),
    overallRate,
    timeout: 10,
    requests: [
      {
        method: shot.method,
        headers: {
          authorization: `Bearer ${session.token}`,
          ...(shot.body ? { 'content-type': 'application/json' } : {}),
        },
        body: shot.body,
        setupRequest: (request) => ({ ...request, path: shot.path() }),
      },
    ],
  });
  instance.on('response', () => {
    lastAnswer = process.hrtime.bigint();
  });
  const result = await instance;
  // autocannon ends a run on its next one-second tick, so its own duration rounds a run of `amount`
  // requests up to whole seconds; the rate is over the time the answers actually took.
  const seconds = Number(lastAnswer - begun) / 1e9;
  return {
    rate: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors,
  };
}

/** The name each raw statement is prepared under, by its text. */
const rawStatementNames = new Map<string, string>();

function rawStatementName(sql: string): string {
  let name = rawStatementNames.get(sql);
  if (!name) rawStatementNames.set(sql, (name = `raw_${rawStatementNames.size}`));
  return name;
}

/**
 * The raw ceiling of a query: `concurrency` loops, each on a connection of its own, running the
 * statements of one operation back to back with `pg` for `seconds`, as named prepared statements
 * (parsed and planned once per connection), as the API runs its own.
 */
export async function rawLoad(
  pool: pg.Pool,
  operation: (index: number) => Array<[string, unknown[]]>,
  { concurrency, seconds }: { concurrency: number; seconds: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let counter = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = await pool.connect();
      try {
        while (Date.now() < deadline) {
          const statements = operation(counter++);
          const begun = process.hrtime.bigint();
          try {
            for (const [sql, values] of statements) {
              await client.query({ name: rawStatementName(sql), text: sql, values });
            }
            latencies.push(elapsedMs(begun));
          } catch {
            failures++;
          }
        }
      } finally {
        client.release();
      }
    }),
  );
  return {
    rate: latencies.length / (elapsedMs(started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}

/** One request at a time: latency without queueing, after a few warm-up calls. */
export async function sequential(
  work: () => Promise<void>,
  { samples, warmup }: { samples: number; warmup: number },
): Promise<{ p50: number; p99: number; max: number }> {
  for (let index = 0; index < warmup; index++) await work();
  const latencies: number[] = [];
  for (let index = 0; index < samples; index++) {
    const begun = process.hrtime.bigint();
    await work();
    latencies.push(elapsedMs(begun));
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies) };
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function inParallel<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
