import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, runMigrations } from '#app/core';

const API_ENTRY = join(process.cwd(), 'dist/apps/api/src/main.js');
const WORKER_ENTRY = join(process.cwd(), 'dist/apps/worker/src/main.js');

export const BENCH_ADMIN = { email: 'bench-admin@bench.local', password: 'bench-admin-password' };

/** The PostgreSQL server and Redis the bench uses: the local ones unless DATABASE_URL / REDIS_URL say otherwise. */
export interface Servers {
  /** A URL of the server's `postgres` database; the bench creates databases of its own next to it. */
  postgres: string;
  redis: string;
}

export function serversFromEnv(env: NodeJS.ProcessEnv = process.env): Servers {
  const postgres = new URL(env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432');
  postgres.pathname = '/postgres';
  return { postgres: postgres.toString(), redis: env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `probe` answers true; the bench never waits a fixed time for the system under test. */
export async function until(
  probe: () => Promise<boolean>,
  { timeout, interval = 25, what }: { timeout: number; interval?: number; what: string },
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out after ${timeout} ms waiting for ${what}`);
    await sleep(interval);
  }
}

/** A database of the bench's own on the server, migrated, dropped at the end of the run. */
export class BenchDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly servers: Servers,
  ) {}

  static async create(servers: Servers, label: string): Promise<BenchDatabase> {
    const name = `pcm_bench_${label}_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const url = new URL(servers.postgres);
    url.pathname = `/${name}`;
    await withClient(servers.postgres, (client) =>
      client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`),
    );
    const database = new BenchDatabase(name, url.toString(), servers);
    await runMigrations(database.url);
    return database;
  }

  pool(max: number): pg.Pool {
    return new pg.Pool({ connectionString: this.url, max });
  }

  async drop(): Promise<void> {
    await withClient(this.servers.postgres, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(this.name)} WITH (FORCE)`),
    );
  }
}

/** A built api or worker process; its stdout (JSON logs) is discarded, the tail of stderr kept for errors. */
export class AppProcess {
  private stderr = '';

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
  }

  static spawn(name: string, entry: string, env: Record<string, string>): AppProcess {
    if (!existsSync(entry)) throw new Error(`bench: ${entry} is missing; run \`npm run build\` first`);
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return new AppProcess(name, child);
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  describeExit(): string {
    return `${this.name} exited (${this.child.exitCode ?? this.child.signalCode}): ${this.stderr.trim()}`;
  }

  /** SIGTERM (graceful: in-flight jobs finish), SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** What the api and worker processes of one bench database share. */
export interface Deployment {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  jwtSecret: string;
}

export function newDeployment(servers: Servers, database: BenchDatabase, label: string): Deployment {
  return {
    databaseUrl: database.url,
    redisUrl: servers.redis,
    queuePrefix: `bench-${label}-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`,
    jwtSecret: randomBytes(24).toString('hex'),
  };
}

/** Production settings: what an operator runs, including JSON logs at the default level. */
function processEnv(deployment: Deployment, extra: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: deployment.databaseUrl,
    REDIS_URL: deployment.redisUrl,
    QUEUE_PREFIX: deployment.queuePrefix,
    JWT_SECRET: deployment.jwtSecret,
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    ...extra,
  };
}

export interface RunningApi {
  process: AppProcess;
  baseUrl: string;
}

export async function startApi(
  deployment: Deployment,
  extra: Record<string, string> = {},
): Promise<RunningApi> {
  const port = await freePort();
  const api = AppProcess.spawn('api', API_ENTRY, processEnv(deployment, { PORT: String(port), ...extra }));
  const baseUrl = `http://127.0.0.1:${port}`;
  await until(
    async () => {
      if (api.exited) throw new Error(api.describeExit());
      try {
        return (await fetch(`${baseUrl}/health`)).ok;
      } catch {
        return false;
      }
    },
    { timeout: 60_000, interval: 100, what: 'the API to answer /health' },
  );
  return { process: api, baseUrl };
}

export function startWorker(deployment: Deployment, extra: Record<string, string> = {}): AppProcess {
  return AppProcess.spawn('worker', WORKER_ENTRY, processEnv(deployment, extra));
}
