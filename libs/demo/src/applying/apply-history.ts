import type { DataSource } from 'typeorm';
import { CaseEventType, type WorkflowEngineService } from '#app/cases';
import type { CaseEventRow } from '../generation/rows.js';

/** Cases applied at once: enough to keep PostgreSQL busy, few enough not to queue on the counter rows. */
const POOL = 8;

export type ApplyProgress = (line: string) => void;

async function inPool<T>(items: readonly T[], work: (item: T) => Promise<number>): Promise<number> {
  let next = 0;
  let applied = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      const count = await work(item);
      applied += count;
    }
  };
  await Promise.all(Array.from({ length: Math.min(POOL, items.length) }, worker));
  return applied;
}

/**
 * The engine finds a case's pending events through the planner's idea of how many are pending. Right
 * after a bulk insert (statistics of an empty table), or after thousands were applied (dead entries
 * in the partial index of unapplied events), it scans the whole outbox for each case: tens of
 * milliseconds a call instead of a fraction of one. Fresh statistics and a vacuum between passes
 * keep it on the (case, sequence) index.
 */
async function refreshStatistics(dataSource: DataSource): Promise<void> {
  await dataSource.query('VACUUM (ANALYZE) case_events, cases, metric_counters');
}

/**
 * Applies the written history with the real engine, as the worker would: `applyEvent` applies every
 * pending event of the case up to the one named, in sequence order, so each call covers a stretch of
 * one case. Three passes keep the result independent of timing:
 *  1. in parallel, each case up to (not including) its first contract;
 *  2. every `placement.recorded`, in parallel between milestone thresholds but with each threshold's
 *     contract applied alone after all earlier ones: the placement counter then crosses each threshold
 *     on the contract whose rank in history it is, so each milestone names the contract that really
 *     crossed it, whatever the interleaving;
 *  3. in parallel, whatever each case has left (follow-ups, payments, closings).
 * Counters are sums, so the parallel passes give the same totals in any interleaving.
 */
export async function applyHistory(
  engine: WorkflowEngineService,
  dataSource: DataSource,
  events: readonly CaseEventRow[],
  milestoneThresholds: readonly number[],
  log: ApplyProgress,
): Promise<number> {
  const byCase = new Map<string, CaseEventRow[]>();
  for (const event of events) {
    const list = byCase.get(event.case_id) ?? [];
    list.push(event);
    byCase.set(event.case_id, list);
  }
  const beforeFirstContract: string[] = [];
  const rest: string[] = [];
  for (const list of byCase.values()) {
    const first = list.findIndex((event) => event.type === CaseEventType.PLACEMENT_RECORDED);
    if (first === -1) {
      beforeFirstContract.push(list[list.length - 1].id);
      continue;
    }
    beforeFirstContract.push(list[first - 1].id);
    const last = list[list.length - 1];
    if (last.type !== CaseEventType.PLACEMENT_RECORDED) rest.push(last.id);
  }
  const contracts = events
    .filter((event) => event.type === CaseEventType.PLACEMENT_RECORDED)
    .map((event) => event.id);
  const apply = async (id: string) => (await engine.applyEvent(id)).applied;

  let started = Date.now();
  const lap = () => {
    const ms = Date.now() - started;
    started = Date.now();
    return `${ms} ms`;
  };
  await refreshStatistics(dataSource);
  let applied = await inPool(beforeFirstContract, apply);
  log(`  ${applied} events up to each case's first contract (${lap()})`);

  await refreshStatistics(dataSource);
  const [counter] = await dataSource.query<Array<{ value: string }>>(
    `SELECT value FROM metric_counters WHERE name = 'placements'`,
  );
  const before = Number(counter?.value ?? 0);
  const crossings = milestoneThresholds
    .map((threshold) => threshold - before - 1)
    .filter((index) => index >= 0 && index < contracts.length);
  let next = 0;
  for (const crossing of crossings) {
    applied += await inPool(contracts.slice(next, crossing), apply);
    applied += await apply(contracts[crossing]);
    next = crossing + 1;
  }
  applied += await inPool(contracts.slice(next), apply);
  log(`  ${contracts.length} contracts, each milestone's alone in its turn (${lap()})`);

  await refreshStatistics(dataSource);
  applied += await inPool(rest, apply);
  log(`  the rest of each case: ${applied} of ${events.length} events applied (${lap()})`);
  return applied;
}
