import type { BenchReport } from './harness.js';
import { DATA_END, DATA_START } from './scale-data.js';
import { markdownTable } from './table.js';

const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');

/** docs/BENCHMARKS.md, written whole by `npm run bench` (never edited by hand). */
export function benchmarksDoc(report: BenchReport): string {
  const { machine, scale } = report;
  const count = (table: string) => (scale?.rows[table] ?? 0).toLocaleString('en-GB');
  const scaleLine = scale
    ? `Loaded in ${scale.seconds.toFixed(0)} s: ${count('cases')} cases, ${count('beneficiaries')} people, ` +
      `${count('case_events')} case events, ${count('interviews')} interviews, ${count('enrollments')} enrollments, ` +
      `${count('internships')} internships, ${count('placements')} placements, ${count('follow_ups')} follow-ups` +
      (scale.fastPath ? '.' : ' (foreign keys checked during the load: not a superuser).')
    : 'Not run.';
  return `# Benchmarks

Written by \`npm run bench\` (size \`${report.size}\`, ${report.seconds.toFixed(0)} s) on ${machine.date.slice(0, 10)}.
Do not edit: run the bench again. Every figure is compared with a baseline measured in the same run on the
same machine, so the ratio travels between machines better than the figure.

## Machine

- ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB of memory
- Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}
- Load average (1/5/15 min) before the run ${load(machine.loadBefore)}, after ${load(machine.loadAfter)}: anything else
  running on the machine competes with the bench for its ${machine.cores} cores.

## Results

${markdownTable(report.rows)}

## How each figure is measured

The bench creates its own databases on the PostgreSQL server (\`DATABASE_URL\`, else the local one) and
drops them at the end, uses its own BullMQ prefix on Redis (\`REDIS_URL\`, else the local one), and runs
the built API and worker as separate processes in production mode (\`NODE_ENV=production\`, JSON logs at
level \`info\`), so the load generator never shares an event loop with the server.

1. **Engine throughput.** Ceiling: jobs queued in BullMQ beforehand, then an in-process BullMQ worker at
   concurrency 10 whose processor does one \`UPDATE\` of a row of its own, timed to the last job completed.
   Engine: one worker process (\`node dist/apps/worker/src/main.js\`, \`WORKER_CONCURRENCY=10\`).
   *Outbox*: each case gets the eight events of a journey (opened, interview held, enrollment created and
   completed, internship started and ended, placement recorded, a 3-month follow-up), inserted into the
   outbox with SQL in one transaction, step by step across the cases; timed from the commit to the last
   event applied (state, timeline entry, counters, people placed, milestones), and the counters are
   checked. Three rounds, each one ceiling run then one engine run. *HTTP*: interviews marked held with
   \`PATCH /api/interviews/:id\`, sent by autocannon on 10 connections after an (untimed) \`ANALYZE\`,
   timed from the first request to the last event's \`applied_at\` (the engine's timestamp, same clock).
   *HTTP writes alone*: the same writes before the worker is started (a tenth of them first, untimed, as
   a warm-up), timed to the last answer: what recording the events costs the API and PostgreSQL, and so
   the most the HTTP path could reach with an engine that cost nothing.
2. **API.** After a \`VACUUM (ANALYZE)\` (what autovacuum would have done by then), for each endpoint the
   same statements its service runs are first run with \`pg\` on 10 connections, as named prepared
   statements like the API's (the raw ceiling); then autocannon on loopback with 10 connections (2 s
   warm-up, then the saturating pass), then a pass rate-limited at half the measured maximum, whose p99
   is reported (autocannon corrects latencies for coordinated omission). \`GET /api/cases/:id\` walks through
   thousands of cases, \`PATCH /api/interviews/:id\` through thousands of interviews (notes only, no
   event) and \`POST /api/cases/:id/interviews\` through thousands of open cases, all of the calling
   counsellor's.
3. **Reports at scale.** A second database is loaded with set-based SQL: cases opened from ${DATA_START} to
   ${DATA_END} with their people, interviews, courses and enrollments, internships, placements (with
   extensions), follow-ups, the applied timeline of case events, people placed, counters and milestones,
   consistent with each other, and the reports' read model is filled. This is done at 10^5 cases, then at
   10^6. ${scaleLine} Then each endpoint (metrics, the outcomes report under each grouping, the FSE+ report) is called
   one request at a time (after a warm-up) for the year 2025; figures are those at 10^6, with 10^5's beside them; the baseline is a \`count(*)\` of the cases opened in that year with \`pg\`.
   The default size holds up to four held interviews a case (about 7 x 10^6 events, which keeps the whole
   run within 10 minutes on 2 cores); \`npm run bench -- --scale full\` holds up to eight, over 10^7 events.
4. **Bulk intake.** People with valid fiscal codes, every column filled, sent as one \`text/csv\` body to
   \`POST /api/beneficiaries/import\` (every row goes through the registration validation; the time
   includes the upload and the answer). Baseline: the same rows with a plain multi-row \`INSERT\` through
   \`pg\`, 1,000 rows a statement in one transaction, into a twin of the beneficiaries table.

Options: \`--tiny\` (a smoke run), \`--scale full\`, \`--only engine,api,scale,intake\`, \`--no-write\`,
\`--json <file>\`. Only a complete run of the default or full size rewrites this file.

## Reading the results

- Changes made for these figures, each with its before/after measurement: docs/DECISIONS.md (JWT key
  object, the engine's statements per event, sharded counters, asynchronous engine commits, the relay's
  single statement; the move from Express to Fastify, with its profiles; the outbox wake-up after commit
  and the interview recorded as held in one statement; the read model's lookups by key, the engine's
  one statement for a case its worker wrote last, a placement in one message; the read model's
  triggers on generic plans for every writer, the API's named prepared statements, the case lists'
  indexes in display order; a case's events read through its own index; jobs that carry the events
  of several cases).
- The HTTP-inclusive engine figure shares the 2 cores between the API taking the writes (one statement
  each) and the engine applying them; its ceiling is the same BullMQ ceiling, which needs no HTTP at all.
  The "HTTP writes alone" row bounds it: the path cannot apply events faster than the API records them.
- The API's requests run the baseline's statements and nothing else (the token's user comes from a cache
  that a NOTIFY invalidates); what remains is the HTTP stack: the profiles are in the "API hot paths"
  decisions.
- Reports at 10^6 cases: docs/reports.md and the report decisions. Bulk intake: the CSV import decision.
`;
}
