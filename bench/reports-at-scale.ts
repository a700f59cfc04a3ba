import { randomBytes } from 'node:crypto';
import { AppConfig, deleteQueueKeys } from '#app/core';
import {
  BENCH_ADMIN,
  BenchDatabase,
  newDeployment,
  type Servers,
  startApi,
  withClient,
} from './environment.js';
import { call, elapsedMs, expectOk, login, percentile, sequential, type Session } from './measure.js';
import { loadScale, type LoadedScale } from './scale-data.js';
import type { BenchSize } from './sizes.js';
import { type BenchRow, millis, type RowId, times } from './table.js';

const METRICS_P50_TARGET_MS = 5;
const REPORT_TARGET_MS = 300;
/** One calendar year inside the loaded history (cases open from 2022 to mid-2026). */
const WINDOW = { from: '2025-01-01', to: '2025-12-31' };
/** A report slower than this many seconds in total is sampled fewer times, to keep the run in budget. */
const REPORT_BUDGET_SECONDS = 30;

export interface ScaleOutcome {
  rows: BenchRow[];
  /** The largest data set measured. */
  loaded: LoadedScale;
}

interface Report {
  id: RowId;
  path: string;
  query: string;
}

const outcomes = (id: RowId, groupBy: string): Report => ({
  id,
  path: '/api/reports/outcomes',
  query: `from=${WINDOW.from}&to=${WINDOW.to}&groupBy=${groupBy}`,
});

const REPORTS: Report[] = [
  outcomes('scale.outcomes', 'month'),
  outcomes('scale.outcomes.counsellor', 'counsellor'),
  outcomes('scale.outcomes.track', 'track'),
  outcomes('scale.outcomes.company', 'company'),
  outcomes('scale.outcomes.referralSource', 'referralSource'),
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

type Timed = { p50: number; max: number; samples: number } | { error: string };

/** Sequential calls of one report after one warm-up call: p50 and the slowest. */
async function timeReport(session: Session, report: Report, samples: number): Promise<Timed> {
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

/** What was measured on one data set. */
interface Measured {
  loaded: LoadedScale;
  /** "1,000,000 cases, 8,670,426 events" */
  label: string;
  metrics: { p50: number; p99: number };
  rawCounters: { p50: number };
  windowCount: { p50: number };
  reports: Map<RowId, Timed | 'absent'>;
}

/** Loads a database of `cases` cases, then times GET /api/metrics and every report against it. */
async function measureAt(
  servers: Servers,
  size: BenchSize,
  cases: number,
  log: (message: string) => void,
): Promise<Measured> {
  const database = await BenchDatabase.create(servers, 'scale');
  const deployment = newDeployment(servers, database, 'scale');
  try {
    log(`scale: loading ${cases} cases, ${size.scale.interviewsPerCase} interviews each at most`);
    const loaded = await loadScale(
      database.url,
      {
        cases,
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
      const windowCount = await rawLatency(
        database.url,
        `SELECT count(*) FROM cases WHERE opened_at >= $1::date AND opened_at < $2::date + 1`,
        [WINDOW.from, WINDOW.to],
        size.scale.reportSamples,
      );
      const reports = new Map<RowId, Timed | 'absent'>();
      for (const report of REPORTS) {
        if (!paths.has(report.path)) {
          reports.set(report.id, 'absent');
          continue;
        }
        log(`scale: GET ${report.path}?${report.query}`);
        reports.set(report.id, await timeReport(coordinator, report, size.scale.reportSamples));
      }
      return {
        loaded,
        label: `${loaded.rows.cases.toLocaleString('en-GB')} cases, ${loaded.rows.case_events.toLocaleString('en-GB')} events`,
        metrics,
        rawCounters,
        windowCount,
        reports,
      };
    } finally {
      await api.process.stop();
    }
  } finally {
    await deleteQueueKeys(deployment.redisUrl, deployment.queuePrefix).catch(() => undefined);
    await database.drop();
  }
}

const p50Of = (timed: Timed | 'absent' | undefined) =>
  timed === undefined || timed === 'absent'
    ? 'not available'
    : 'error' in timed
      ? `failed: ${timed.error}`
      : `p50 ${millis(timed.p50)}`;

/**
 * Benchmark 3: GET /api/metrics (kept counters) and the reports for a one-year window, with 10^5 and
 * then 10^6 cases and their history loaded (SPEC 10), each against a plain query over the same data run
 * with `pg`. The figure and its target are those of the largest data set; the smaller ones are given
 * beside it.
 */
export async function reportsAtScale(
  servers: Servers,
  size: BenchSize,
  log: (message: string) => void,
): Promise<ScaleOutcome> {
  const measured: Measured[] = [];
  for (const cases of size.scale.caseCounts) measured.push(await measureAt(servers, size, cases, log));
  const largest = measured[measured.length - 1];
  const smaller = measured.slice(0, -1);
  const alsoAt = (figure: (at: Measured) => string) =>
    smaller.map((at) => `; at ${at.loaded.rows.cases.toLocaleString('en-GB')} cases ${figure(at)}`).join('');

  const rows: BenchRow[] = [
    {
      id: 'scale.metrics',
      benchmark: 'Reports at scale',
      measure:
        `GET /api/metrics, one request at a time (${largest.label}; p99 ${millis(largest.metrics.p99)}` +
        `${alsoAt((at) => `p50 ${millis(at.metrics.p50)}`)})`,
      value: `p50 ${millis(largest.metrics.p50)}`,
      baseline: `raw pg p50 ${millis(largest.rawCounters.p50)}: SELECT the counters`,
      ratio: times(largest.metrics.p50 / largest.rawCounters.p50),
      target: `p50 < ${METRICS_P50_TARGET_MS} ms`,
      met: largest.metrics.p50 < METRICS_P50_TARGET_MS,
    },
  ];
  for (const report of REPORTS) {
    const timed = largest.reports.get(report.id);
    const base: BenchRow = {
      id: report.id,
      benchmark: 'Reports at scale',
      measure: `GET ${report.path}?${report.query} (${largest.label}${alsoAt((at) => p50Of(at.reports.get(report.id)))})`,
      value: p50Of(timed),
      baseline: `raw pg p50 ${millis(largest.windowCount.p50)}: count the cases opened in the window`,
      ratio: '',
      target: `< ${REPORT_TARGET_MS} ms`,
      met: null,
    };
    if (timed === undefined || timed === 'absent') {
      rows.push({ ...base, value: 'not available (not in /docs-json)' });
    } else if ('error' in timed) {
      rows.push({ ...base, met: false });
    } else {
      rows.push({
        ...base,
        measure: `${base.measure}, one at a time, ${timed.samples} calls (slowest ${millis(timed.max)})`,
        ratio: times(timed.p50 / largest.windowCount.p50),
        met: timed.p50 < REPORT_TARGET_MS,
      });
    }
  }
  return { rows, loaded: largest.loaded };
}
