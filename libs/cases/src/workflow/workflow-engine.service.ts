import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import {
  counterUpsertSql,
  Metric,
  MetricsService,
  MilestonesService,
  randomCounterShard,
} from '#app/metrics';
import { CaseEventType, CaseState } from './case-state.js';
import { counterDeltas, type CaseEventPayload, toWorkflowEvent } from './event-effects.js';
import { applyMove, type CaseSnapshot, type Move, nextMove } from './state-machine.js';

interface PendingRow {
  case_id: string;
  beneficiary_id: string;
  status: CaseState;
  status_before_hold: CaseState | null;
  version: number;
  id: string;
  type: CaseEventType;
  payload: CaseEventPayload;
  occurred_at: Date;
}

type PendingEvent = Pick<PendingRow, 'id' | 'type' | 'payload' | 'occurred_at'>;

/** What applying one pending event did: the state it found and the move it made (null: none). */
interface AppliedEvent {
  event: PendingEvent;
  from: CaseState;
  move: Move | null;
}

/** What applying the pending events in order does to the case, worked out in memory. */
interface Plan {
  caseId: string;
  beneficiaryId: string;
  version: number;
  applied: AppliedEvent[];
  end: CaseSnapshot;
  moved: boolean;
  /** Dated by when the events happened, not when they were applied. */
  lastActivityAt: Date;
  closedReason: string | null;
  closedAt: Date | null;
  placedAt: Date | null;
}

export interface ApplyResult {
  /** Events of the case applied by this call: the one asked for and any earlier one still pending. */
  applied: number;
}

/**
 * The engine's transactions commit without waiting for the WAL to reach the disk. What they write is
 * derived from events that are already durable (the API's commit of the outbox row is synchronous): if
 * PostgreSQL crashes before the flush, whole transactions are lost, never parts of them, their events
 * are unapplied again and the relay publishes them again. Waiting for the flush made every event queue
 * behind the disk (docs/DECISIONS.md).
 */
const ASYNC_COMMIT = `set_config('synchronous_commit', 'off', true)`;

/**
 * The case and its unapplied events up to the one asked for, in order. Locked, it is the first statement
 * of the engine's transaction, which it also switches to asynchronous commit.
 */
const PENDING = (locked: boolean) => `
  SELECT c.id AS case_id, c.beneficiary_id, c.status, c.status_before_hold, c.version,
         e.id, e.type, e.payload, e.occurred_at${locked ? `, ${ASYNC_COMMIT} AS commit_mode` : ''}
  FROM case_events target
  JOIN cases c ON c.id = target.case_id
  JOIN case_events e ON e.case_id = target.case_id AND e.sequence <= target.sequence AND e.applied_at IS NULL
  WHERE target.id = $1
  ORDER BY e.sequence
  ${locked ? 'FOR UPDATE OF c, e' : ''}`;

/**
 * Parameters shared by every write: $1 case, $2-$5 the timeline entries, $6 last activity, and for a
 * case that moved $7-$11 its new state. Every apply bumps the version, which the unlocked path checks.
 */
const BASE_PARAMETERS = { touched: 6, moved: 11 };

function caseUpdate(moved: boolean, guard: string): string {
  if (!moved) {
    return `UPDATE cases SET last_activity_at = GREATEST(last_activity_at, $6), inactivity_flagged_at = NULL,
        version = version + 1
      WHERE id = $1 ${guard} RETURNING id`;
  }
  return `UPDATE cases SET
      status = $7::case_status,
      status_before_hold = $8::case_status,
      closed_reason = CASE WHEN $7::case_status = 'closed' THEN $9::varchar ELSE NULL END,
      closed_at = CASE WHEN $7::case_status = 'closed' THEN $10::timestamptz ELSE NULL END,
      placed_at = COALESCE(placed_at, $11::timestamptz),
      last_activity_at = GREATEST(last_activity_at, $6),
      inactivity_flagged_at = NULL,
      version = version + 1,
      updated_at = now()
    WHERE id = $1 ${guard} RETURNING id`;
}

const TIMELINE = (from: string) => `
  UPDATE case_events e
  SET applied_at = now(), from_state = x.from_state, to_state = x.to_state, outcome = x.outcome
  FROM ${from}unnest($2::uuid[], $3::case_status[], $4::case_status[], $5::varchar[]) AS x(id, from_state, to_state, outcome)
  WHERE e.id = x.id`;

/**
 * Without a lock, in one statement that is its own transaction: the case is updated only if its version
 * is still the one read (compare-and-set), and the timeline and counters only if the case was.
 */
function unlockedSave(moved: boolean): string {
  const n = moved ? BASE_PARAMETERS.moved : BASE_PARAMETERS.touched;
  return `
    WITH saved AS (${caseUpdate(moved, `AND version = $${n + 1}`)}),
    timeline AS (${TIMELINE('saved, ')}),
    counted AS (${counterUpsertSql(
      `SELECT d.name, d.delta FROM saved, unnest($${n + 2}::varchar[], $${n + 3}::bigint[]) AS d(name, delta)`,
      `$${n + 4}::smallint`,
    )})
    SELECT (SELECT count(*)::int FROM saved) AS applied, ${ASYNC_COMMIT} AS commit_mode`;
}

/** Under the case lock: the case, the timeline, and the person's first placement (answered). */
function lockedSave(moved: boolean): string {
  const n = moved ? BASE_PARAMETERS.moved : BASE_PARAMETERS.touched;
  return `
    WITH saved AS (${caseUpdate(moved, '')}),
    timeline AS (${TIMELINE('')}),
    placed AS (
      INSERT INTO people_placed (beneficiary_id) SELECT $${n + 1}::uuid WHERE $${n + 2}::boolean
      ON CONFLICT DO NOTHING RETURNING 1
    )
    SELECT count(*)::int AS "firstPlacement" FROM placed`;
}

function isPlacement(event: PendingEvent): boolean {
  return event.type === CaseEventType.PLACEMENT_RECORDED;
}

@Injectable()
export class WorkflowEngineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    private readonly milestones: MilestonesService,
  ) {}

  /**
   * Applies an event exactly once and in order within its case: every earlier pending event of the
   * case first, so an event delivered early never overtakes its predecessors, and nothing when it is
   * already applied (a duplicate delivery).
   *
   * Most events take two statements and no explicit transaction: a read, then a write that applies them
   * only if the case's version is still the one read. A worker spends its time waiting for PostgreSQL,
   * so round trips are what limit throughput (docs/DECISIONS.md). Placements take the case lock
   * instead: their milestones need the counter's value before and after, in the same transaction.
   */
  async applyEvent(eventId: string): Promise<ApplyResult> {
    const outcome = await this.withConnection(async (client) => {
      const { rows } = await client.query<PendingRow>({
        name: 'engine-pending',
        text: PENDING(false),
        values: [eventId],
      });
      if (!rows.length) return { applied: 0 };
      if (rows.some(isPlacement)) return null;
      const plan = this.plan(rows);
      const deltas = this.deltas(plan);
      const { rows: saved } = await client.query<{ applied: number }>({
        name: plan.moved ? 'engine-save-moved' : 'engine-save-touched',
        text: unlockedSave(plan.moved),
        values: [
          ...this.parameters(plan),
          plan.version,
          [...deltas.keys()],
          [...deltas.values()],
          randomCounterShard(),
        ],
      });
      // Zero: another worker applied events of this case between the read and the write.
      return saved[0].applied ? { applied: plan.applied.length } : null;
    });
    // A placement, or a lost race: under the lock, which cannot lose it twice.
    return outcome ?? this.applyLocked(eventId);
  }

  /**
   * The hot path talks to its pooled connection directly, with named statements: PostgreSQL plans them
   * once per connection instead of once per event, which was most of its time on these queries.
   */
  private async withConnection<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work((await runner.connect()) as PoolClient);
    } finally {
      await runner.release();
    }
  }

  /**
   * The case row lock serialises every worker touching the case; `applied_at IS NULL` under that lock
   * makes a duplicate delivery a no-op.
   */
  private async applyLocked(eventId: string): Promise<ApplyResult> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      await runner.startTransaction();
      try {
        // Waiting for the lock makes PostgreSQL re-read the locked rows: an event applied meanwhile by the
        // transaction we waited for drops out, and the case's state is the one it left. Rows are locked
        // in sequence order, the same in every worker, so no deadlock.
        const { rows } = await client.query<PendingRow>({
          name: 'engine-pending-locked',
          text: PENDING(true),
          values: [eventId],
        });
        const plan = rows.length ? this.plan(rows) : null;
        if (plan) {
          // A person counts once however many contracts (extensions, conversions, later cases) they sign.
          const { rows: saved } = await client.query<{ firstPlacement: number }>({
            name: plan.moved ? 'engine-locked-save-moved' : 'engine-locked-save-touched',
            text: lockedSave(plan.moved),
            values: [
              ...this.parameters(plan),
              plan.beneficiaryId,
              plan.applied.some(({ event }) => isPlacement(event)),
            ],
          });
          const deltas = this.deltas(plan);
          if (saved[0].firstPlacement) deltas.set(Metric.PEOPLE_PLACED, 1);
          await this.count(runner.manager, plan, deltas);
        }
        await runner.commitTransaction();
        return { applied: plan?.applied.length ?? 0 };
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  private plan(rows: PendingRow[]): Plan {
    const [head] = rows;
    const start: CaseSnapshot = { state: head.status, stateBeforeHold: head.status_before_hold };
    const plan: Plan = {
      caseId: head.case_id,
      beneficiaryId: head.beneficiary_id,
      version: head.version,
      applied: [],
      end: start,
      moved: false,
      lastActivityAt: head.occurred_at,
      closedReason: null,
      closedAt: null,
      placedAt: null,
    };
    for (const event of rows) {
      const move = nextMove(plan.end, toWorkflowEvent(event.type, event.payload));
      plan.applied.push({ event, from: plan.end.state, move });
      if (event.occurred_at > plan.lastActivityAt) plan.lastActivityAt = event.occurred_at;
      if (!move) continue;
      if (move.to === CaseState.CLOSED) {
        plan.closedReason = move.closedReason ?? null;
        plan.closedAt = event.occurred_at;
      }
      if (move.to === CaseState.PLACED) plan.placedAt ??= event.occurred_at;
      plan.end = applyMove(plan.end, move);
    }
    plan.moved = start.state !== plan.end.state || start.stateBeforeHold !== plan.end.stateBeforeHold;
    return plan;
  }

  /** The parameters every write takes (BASE_PARAMETERS). */
  private parameters(plan: Plan): unknown[] {
    const base: unknown[] = [
      plan.caseId,
      plan.applied.map(({ event }) => event.id),
      plan.applied.map(({ from }) => from),
      plan.applied.map(({ move }) => move?.to ?? null),
      plan.applied.map(({ move }) => (move ? (move.closedReason ?? null) : 'no move')),
      plan.lastActivityAt,
    ];
    if (!plan.moved) return base;
    return [
      ...base,
      plan.end.state,
      plan.end.stateBeforeHold,
      plan.closedReason,
      plan.closedAt,
      plan.placedAt,
    ];
  }

  private deltas(plan: Plan): Map<string, number> {
    const deltas = new Map<string, number>();
    for (const { event, from, move } of plan.applied) {
      for (const [name, delta] of counterDeltas(event.type, event.payload, from, move)) {
        deltas.set(name, (deltas.get(name) ?? 0) + delta);
      }
    }
    return deltas;
  }

  /**
   * The counters, last before the commit so their row locks are held as briefly as possible. Each
   * placement event is checked for milestones against its own step of the count, as if applied alone.
   */
  private async count(manager: EntityManager, plan: Plan, deltas: Map<string, number>): Promise<void> {
    const changes = await this.metrics.add(manager, deltas);
    const placements = changes.get(Metric.PLACEMENTS);
    if (!placements) return;
    let count = placements.before;
    for (const { event } of plan.applied.filter(({ event }) => isPlacement(event))) {
      await this.milestones.recordCrossings(manager, {
        metric: Metric.PLACEMENTS,
        before: count,
        after: ++count,
        placementId: event.payload.placementId ?? null,
        caseEventId: event.id,
      });
    }
  }
}
