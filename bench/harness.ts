import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import { deleteQueueKeys } from '#app/core';
import { apiLatency } from './api-latency.js';
import { bulkIntake } from './bulk-intake.js';
import type { MainContext } from './context.js';
import { engineThroughput } from './engine-throughput.js';
import {
  BENCH_ADMIN,
  BenchDatabase,
  newDeployment,
  type Servers,
  serversFromEnv,
  startApi,
  withClient,
} from './environment.js';
import { expectOk, login } from './measure.js';
import { reportsAtScale } from './reports-at-scale.js';
import type { LoadedScale } from './scale-data.js';
import { SIZES, type SizeName } from './sizes.js';
import { type BenchRow, ROW_IDS, type RowId } from './table.js';

export const BENCHMARKS = ['engine', 'api', 'scale', 'intake'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

/** A benchmark's rows: those whose id starts with its name. */
const rowsOf = (benchmark: BenchmarkName): RowId[] => ROW_IDS.filter((id) => id.startsWith(`${benchmark}.`));

const TITLES: Record<BenchmarkName, string> = {
  engine: 'Engine throughput',
  api: 'API',
  scale: 'Reports at scale',
  intake: 'Bulk intake',
};

export interface BenchOptions {
  size: SizeName;
  only?: BenchmarkName[];
  log?: (message: string) => void;
}

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  redis: string;
  date: string;
  loadBefore: number[];
  loadAfter: number[];
}

export interface BenchReport {
  size: SizeName;
  machine: Machine;
  rows: BenchRow[];
  /** Benchmarks that threw: their rows say "failed" and the run exits with an error. */
  failures: string[];
  scale?: LoadedScale;
  seconds: number;
}

async function describeMachine(servers: Servers): Promise<Machine> {
  const postgres = await withClient(servers.postgres, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  });
  const redis = new Redis(servers.redis, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    date: new Date().toISOString(),
    loadBefore: loadavg(),
    loadAfter: [],
  };
}

function failedRows(benchmark: BenchmarkName, error: unknown): BenchRow[] {
  const message = error instanceof Error ? error.message : String(error);
  return rowsOf(benchmark).map((id) => ({
    id,
    benchmark: TITLES[benchmark],
    measure: '',
    value: `failed: ${message.split('\n')[0].slice(0, 200)}`,
    baseline: '',
    ratio: '',
    target: '',
    met: false,
  }));
}

/** Engine, API and intake share one database and one API process; each is independent of the others' figures. */
async function runMain(
  servers: Servers,
  options: Required<BenchOptions>,
  record: (benchmark: BenchmarkName, run: () => Promise<BenchRow[]>) => Promise<void>,
): Promise<void> {
  const size = SIZES[options.size];
  const database = await BenchDatabase.create(servers, 'main');
  const deployment = newDeployment(servers, database, 'main');
  const db = database.pool(4);
  try {
    // The bench's CSV is larger than the default upload limit (20 MB).
    const api = await startApi(deployment, { IMPORT_LIMIT: '64mb' });
    try {
      const admin = await login(api.baseUrl, BENCH_ADMIN.email, BENCH_ADMIN.password);
      const email = `bench-counsellor-${randomBytes(3).toString('hex')}@bench.local`;
      const password = randomBytes(12).toString('hex');
      const user = await expectOk<{ id: string }>(admin, 'POST', '/api/users', {
        email,
        password,
        fullName: 'Bench Counsellor',
        role: 'counsellor',
      });
      const counsellor = { ...(await login(api.baseUrl, email, password)), userId: user.id };
      const context: MainContext = {
        size,
        servers,
        database,
        db,
        deployment,
        api,
        admin,
        counsellor,
        log: options.log,
      };
      const wanted = (name: BenchmarkName) => options.only.includes(name);
      // The API benchmark reads the cases and interviews the engine benchmark leaves.
      if (wanted('engine') || wanted('api')) {
        await record('engine', () => engineThroughput(context));
      }
      if (wanted('api')) await record('api', () => apiLatency(context));
      if (wanted('intake')) await record('intake', () => bulkIntake(context));
    } finally {
      await api.process.stop();
    }
  } finally {
    await db.end();
    await deleteQueueKeys(deployment.redisUrl, deployment.queuePrefix).catch(() => undefined);
    await database.drop();
  }
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const begun = Date.now();
  const settings: Required<BenchOptions> = {
    size: options.size,
    only: options.only ?? [...BENCHMARKS],
    log: options.log ?? (() => undefined),
  };
  const servers = serversFromEnv();
  const machine = await describeMachine(servers);
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  const fail = (benchmark: BenchmarkName, error: unknown) => {
    failures.push(`${benchmark}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    rows.push(...failedRows(benchmark, error));
  };
  const record = async (benchmark: BenchmarkName, run: () => Promise<BenchRow[]>) => {
    try {
      rows.push(...(await run()));
    } catch (error) {
      fail(benchmark, error);
    }
  };

  if (settings.only.some((name) => name !== 'scale')) {
    try {
      await runMain(servers, settings, record);
    } catch (error) {
      // Setting up failed (database, API start): every benchmark of the main database is missing.
      for (const benchmark of BENCHMARKS.filter((name) => name !== 'scale' && settings.only.includes(name))) {
        if (!rows.some((row) => rowsOf(benchmark).includes(row.id))) fail(benchmark, error);
      }
    }
  }
  let scale: LoadedScale | undefined;
  if (settings.only.includes('scale')) {
    await record('scale', async () => {
      const outcome = await reportsAtScale(servers, SIZES[settings.size], settings.log);
      scale = outcome.loaded;
      return outcome.rows;
    });
  }
  machine.loadAfter = loadavg();
  rows.sort((a, b) => ROW_IDS.indexOf(a.id) - ROW_IDS.indexOf(b.id));
  return { size: settings.size, machine, rows, failures, scale, seconds: (Date.now() - begun) / 1000 };
}
