import type { MainContext } from './context.js';
import { cannon, type LoadResult, rawLoad, type Shot } from './measure.js';
import { type BenchRow, millis, percent, rate, times } from './table.js';

const RPS_TARGET_GET_ONE = 0.3;
const P99_TARGET_MS = 20;

interface Endpoint {
  key: 'case' | 'list' | 'patch' | 'post';
  title: string;
  shot: Shot;
  /** The statements the endpoint's service runs for its answer, done directly with `pg`. */
  raw: (index: number) => Array<[string, unknown[]]>;
  rawText: string;
  rateTarget?: number;
}

const CASE_COLUMNS = `id, beneficiary_id, counsellor_id, status, status_before_hold, closed_reason, opened_at,
  placed_at, closed_at, last_activity_at, inactivity_flagged_at, version, created_at, updated_at`;
const INTERVIEW_COLUMNS = `interviews.id, interviews.case_id, interviews.scheduled_at, interviews.held_at,
  interviews.triage, interviews.notes, interviews.skills, interviews.action_plan, interviews.created_by_id,
  interviews.created_at, interviews.updated_at`;

function cycle<T>(items: T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length];
}

async function endpoints(context: MainContext): Promise<Endpoint[]> {
  const counsellorId = context.counsellor.userId;
  const { rows: cases } = await context.db.query<{ id: string }>(
    'SELECT id FROM cases WHERE counsellor_id = $1 ORDER BY random() LIMIT 5000',
    [counsellorId],
  );
  const { rows: openCases } = await context.db.query<{ id: string }>(
    `SELECT id FROM cases WHERE counsellor_id = $1 AND status <> 'closed' ORDER BY random() LIMIT 5000`,
    [counsellorId],
  );
  const { rows: interviews } = await context.db.query<{ id: string }>(
    `SELECT i.id FROM interviews i JOIN cases c ON c.id = i.case_id WHERE c.counsellor_id = $1 ORDER BY random() LIMIT 2000`,
    [counsellorId],
  );
  if (!cases.length || !openCases.length || !interviews.length)
    throw new Error('bench: the API benchmark needs the engine cases');
  const caseIds = cases.map((row) => row.id);
  const openCaseIds = openCases.map((row) => row.id);
  const interviewIds = interviews.map((row) => row.id);
  const nextCase = cycle(caseIds);
  const nextOpenCase = cycle(openCaseIds);
  const nextInterview = cycle(interviewIds);
  const notes = 'Follow-up call: confirmed the CV and the next appointment.';
  const scheduledAt = '2026-03-02T09:30:00Z';
  return [
    {
      key: 'case',
      title: 'GET /api/cases/:id',
      shot: { method: 'GET', path: () => `/api/cases/${nextCase()}` },
      raw: (index) => [
        [
          `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $2 AND counsellor_id = $1`,
          [counsellorId, caseIds[index % caseIds.length]],
        ],
      ],
      rawText: 'SELECT case by id (counsellor-scoped)',
      rateTarget: RPS_TARGET_GET_ONE,
    },
    {
      key: 'list',
      title: 'GET /api/cases?status=placed',
      shot: { method: 'GET', path: () => '/api/cases?status=placed' },
      raw: () => [
        [
          `SELECT ${CASE_COLUMNS} FROM cases WHERE counsellor_id = $1 AND status = $2
           ORDER BY opened_at DESC, id LIMIT 20`,
          [counsellorId, 'placed'],
        ],
        ['SELECT count(*) FROM cases WHERE counsellor_id = $1 AND status = $2', [counsellorId, 'placed']],
      ],
      rawText: 'page of 20 + count (counsellor-scoped)',
    },
    {
      key: 'patch',
      title: 'PATCH /api/interviews/:id',
      shot: {
        method: 'PATCH',
        path: () => `/api/interviews/${nextInterview()}`,
        body: JSON.stringify({ notes }),
      },
      raw: (index) => [
        [
          `UPDATE interviews SET notes = $2, updated_at = now() FROM cases
           WHERE interviews.id = $1 AND cases.id = interviews.case_id AND cases.counsellor_id = $3
           RETURNING ${INTERVIEW_COLUMNS}`,
          [interviewIds[index % interviewIds.length], notes, counsellorId],
        ],
      ],
      rawText: 'UPDATE interview notes by id (counsellor-scoped)',
    },
    {
      key: 'post',
      title: 'POST /api/cases/:id/interviews',
      shot: {
        method: 'POST',
        path: () => `/api/cases/${nextOpenCase()}/interviews`,
        body: JSON.stringify({ scheduledAt }),
      },
      raw: (index) => {
        const caseId = openCaseIds[index % openCaseIds.length];
        return [
          [`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $2 AND counsellor_id = $1`, [counsellorId, caseId]],
          [
            `INSERT INTO interviews (case_id, scheduled_at, created_by_id) VALUES ($1, $2, $3)
             RETURNING ${INTERVIEW_COLUMNS}`,
            [caseId, scheduledAt, counsellorId],
          ],
        ];
      },
      rawText: 'SELECT case (counsellor-scoped) + INSERT interview',
    },
  ];
}

function failuresNote(result: LoadResult): string {
  return result.failures ? ` (${result.failures} failed)` : '';
}

/**
 * Benchmark 2: each endpoint at saturation (all connections busy), then rate-limited at half that rate
 * for its p99, against the same statements run with `pg` at the same concurrency.
 */
export async function apiLatency(context: MainContext): Promise<BenchRow[]> {
  const { connections, seconds } = context.size.api;
  const pool = context.database.pool(connections);
  const rows: BenchRow[] = [];
  try {
    // What autovacuum would have done by now on any database (this machine's PostgreSQL runs without
    // it): statistics, and the visibility map that lets a count read an index alone. Raw and API alike.
    await context.db.query('VACUUM (ANALYZE)');
    for (const endpoint of await endpoints(context)) {
      context.log(`api: ${endpoint.title}`);
      const raw = await rawLoad(pool, endpoint.raw, { concurrency: connections, seconds });
      // Warm-up: the JIT and the connection pools, not measured.
      await cannon(context.counsellor, endpoint.shot, { connections, seconds: Math.min(2, seconds) });
      const full = await cannon(context.counsellor, endpoint.shot, { connections, seconds });
      const halfRate = Math.max(1, Math.floor(full.rate / 2));
      const half = await cannon(context.counsellor, endpoint.shot, {
        connections,
        seconds,
        overallRate: halfRate,
      });
      const ratio = full.rate / raw.rate;
      rows.push(
        {
          id: `api.${endpoint.key}.rps`,
          benchmark: 'API',
          measure: `${endpoint.title}: max throughput, ${connections} connections (p50 ${millis(full.p50)}, p99 ${millis(full.p99)})${failuresNote(full)}`,
          value: rate(full.rate, 'req/s'),
          baseline: `raw pg ${rate(raw.rate, 'q/s')}: ${endpoint.rawText}`,
          ratio: percent(ratio),
          target: endpoint.rateTarget ? `>= ${percent(endpoint.rateTarget)} of raw` : '-',
          met: endpoint.rateTarget ? ratio >= endpoint.rateTarget && !full.failures : null,
        },
        {
          id: `api.${endpoint.key}.p99`,
          benchmark: 'API',
          measure: `${endpoint.title}: p99 at half the max rate (${rate(halfRate, 'req/s')}, p50 ${millis(half.p50)})${failuresNote(half)}`,
          value: `p99 ${millis(half.p99)}`,
          baseline: `raw pg p99 ${millis(raw.p99)} at saturation`,
          ratio: times(half.p99 / raw.p99),
          target: `p99 < ${P99_TARGET_MS} ms`,
          met: half.p99 < P99_TARGET_MS && !half.failures,
        },
      );
    }
    return rows;
  } finally {
    await pool.end();
  }
}
