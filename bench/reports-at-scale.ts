import { randomBytes } from 'node:crypto';
import { AppConfig } from '#app/core';
import {
  BENCH_ADMIN,
  BenchDatabase,
  deleteQueueKeys,
  newDeployment,
  type Servers,
  startApi,
  withClient,
} from './environment.js';
import { call, elapsedMs, expectOk, login, percentile, sequential, type Session } from './measure.js';
import { loadScale, type LoadedScale } from './scale-data.js';
import type { BenchSize } from './sizes.js';
import { type BenchRow, millis, times } from './table.js';

const METRICS_P50_TARGET_MS = 5;
const REPORT_TARGET_MS = 300;
/** One calendar year inside the loaded history (cases open from 2022 to mid-2026). */
const WINDOW = { from: '2025-01-01', to: '2025-12-31' };
/** A report slower than this many seconds in total is sampled fewer times, to keep the run in budget. */
const REPORT_BUDGET_SECONDS = 30;

export interface ScaleOutcome {
  rows: BenchRow[];
  loaded: LoadedScale;
}

interface Report {
  id: 'scale.outcomes' | 'scale.esf';
  path: string;
  query: string;
}

const REPORTS: Report[] = [
  {
    id: 'scale.outcomes',
    path: '/api/reports/outcomes',
    query: `from=${WINDOW.from}&to=${WINDOW.to}&groupBy=month`,
  },
  {
    id: 'scale.esf',
    path: '/api/reports/esf-indicators',
    query: `from=${WINDOW.from}&to=${WINDOW.to}&format=json`,
  },
];

async function rawLatency(databaseUrl: string, sql: string, params: unknown[], samples: number) {
  return withClient(databaseUrl, (client) =>
    sequential(
      async () => {
        await client.query(sql, params);
      },
      { samples, warmup: 3 },
    ),
  );
}

async function documentedPaths(session: Session): Promise<Set<string>> {
  const document = await expectOk<{ paths: Record<string, unknown> }>(session, 'GET', '/docs-json');
  return new Set(Object.keys(document.paths));
}

/** Sequential calls of one report after one warm-up call: p50 and the slowest. */
async function timeReport(session: Session, report: Report, samples: number) {
  const url = `${report.path}?${report.query}`;
  const first = await call<unknown>(session, 'GET', url);
  if (first.status !== 200) return { error: `${first.status} ${JSON.stringify(first.body).slice(0, 200)}` };
  const latencies: number[] = [];
  const started = Date.now();
  // A slow report is sampled at least three times, then only while it stays within its time budget.
  while (
    latencies.length < samples &&
    (latencies.length < 3 || Date.now() - started < REPORT_BUDGET_SECONDS * 1000)
  ) {
    const begun = process.hrtime.bigint();
    const answer = await call<unknown>(session, 'GET', url);
    if (answer.status !== 200)
      return { error: `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}` };
    latencies.push(elapsedMs(begun));
  }
  return { p50: percentile(latencies, 50), max: Math.max(...latencies), samples: latencies.length };
}

/**
 * Benchmark 3: a database with 10^6 cases and their history; GET /api/metrics (kept counters) and the
 * two reports for a one-year window, each against a plain query over the same window run with `pg`.
 */
export async function reportsAtScale(
  servers: Servers,
  size: BenchSize,
  log: (message: string) => void,
): Promise<ScaleOutcome> {
  const database = await BenchDatabase.create(servers, 'scale');
  const deployment = newDeployment(servers, database, 'scale');
  try {
    log(`scale: loading ${size.scale.cases} cases, ${size.scale.interviewsPerCase} interviews each at most`);
    const loaded = await loadScale(
      database.url,
      {
        cases: size.scale.cases,
        interviewsPerCase: size.scale.interviewsPerCase,
        milestoneThresholds: new AppConfig({}).milestoneThresholds,
      },
      log,
    );
    log(`scale: loaded in ${loaded.seconds.toFixed(0)} s: ${JSON.stringify(loaded.rows)}`);
    const api = await startApi(deployment);
    try {
      const admin = await login(api.baseUrl, BENCH_ADMIN.email, BENCH_ADMIN.password);
      const email = `bench-coordinator-${randomBytes(3).toString('hex')}@bench.local`;
      const password = randomBytes(12).toString('hex');
      await expectOk(admin, 'POST', '/api/users', {
        email,
        password,
        fullName: 'Bench Coordinator',
        role: 'coordinator',
      });
      const coordinator = await login(api.baseUrl, email, password);
      const paths = await documentedPaths(coordinator);
      const cases = `${loaded.rows.cases.toLocaleString('en-GB')} cases, ${loaded.rows.case_events.toLocaleString('en-GB')} events`;

      log('scale: GET /api/metrics');
      const metrics = await sequential(
        async () => {
          await expectOk(coordinator, 'GET', '/api/metrics');
        },
        { samples: size.scale.metricsSamples, warmup: 10 },
      );
      const rawCounters = await rawLatency(
        database.url,
        'SELECT name, value FROM metric_counters',
        [],
        size.scale.metricsSamples,
      );
      const rows: BenchRow[] = [
        {
          id: 'scale.metrics',
          benchmark: 'Reports at scale',
          measure: `GET /api/metrics, one request at a time (${cases}; p99 ${millis(metrics.p99)})`,
          value: `p50 ${millis(metrics.p50)}`,
          baseline: `raw pg p50 ${millis(rawCounters.p50)}: SELECT the counters`,
          ratio: times(metrics.p50 / rawCounters.p50),
          target: `p50 < ${METRICS_P50_TARGET_MS} ms`,
          met: metrics.p50 < METRICS_P50_TARGET_MS,
        },
      ];

      const windowCount = await rawLatency(
        database.url,
        `SELECT count(*) FROM cases WHERE opened_at >= $1::date AND opened_at < $2::date + 1`,
        [WINDOW.from, WINDOW.to],
        size.scale.reportSamples,
      );
      for (const report of REPORTS) {
        const base: BenchRow = {
          id: report.id,
          benchmark: 'Reports at scale',
          measure: `GET ${report.path}?${report.query} (${cases})`,
          value: '',
          baseline: `raw pg p50 ${millis(windowCount.p50)}: count the cases opened in the window`,
          ratio: '',
          target: `< ${REPORT_TARGET_MS} ms`,
          met: null,
        };
        if (!paths.has(report.path)) {
          rows.push({ ...base, value: 'not available (not in /docs-json)' });
          continue;
        }
        log(`scale: GET ${report.path}`);
        const timed = await timeReport(coordinator, report, size.scale.reportSamples);
        if ('error' in timed) {
          rows.push({ ...base, value: `failed: ${timed.error}`, met: false });
          continue;
        }
        rows.push({
          ...base,
          measure: `${base.measure}, one at a time, ${timed.samples} calls (slowest ${millis(timed.max)})`,
          value: `p50 ${millis(timed.p50)}`,
          ratio: times(timed.p50 / windowCount.p50),
          met: timed.p50 < REPORT_TARGET_MS,
        });
      }
      return { rows, loaded };
    } finally {
      await api.process.stop();
    }
  } finally {
    await deleteQueueKeys(deployment.redisUrl, deployment.queuePrefix).catch(() => undefined);
    await database.drop();
  }
}
