import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { AppConfig } from '#app/core';
import { counterUpsertSql, Metric, MilestonesService, randomCounterShard } from '#app/metrics';
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
 * The engine's writes commit without waiting for the WAL to reach the disk. What they write is derived
 * from events that are already durable (the API's commit of the outbox row is synchronous): if
 * PostgreSQL crashes before the flush, whole transactions are lost, never parts of them, their events
 * are unapplied again and the relay publishes them again. Waiting for the flush made every event queue
 * behind the disk (docs/DECISIONS.md).
 */
const ASYNC_COMMIT = `set_config('synchronous_commit', 'off', true)`;

/** The case and its unapplied events up to the one asked for, in order; locked on the fallback path. */
const PENDING = (locked: boolean) => `
  SELECT c.id AS case_id, c.beneficiary_id, c.status, c.status_before_hold, c.version,
         e.id, e.type, e.payload, e.occurred_at
  FROM case_events target
  JOIN cases c ON c.id = target.case_id
  JOIN case_events e ON e.case_id = target.case_id AND e.sequence <= target.sequence AND e.applied_at IS NULL
  WHERE target.id = $1
  ORDER BY e.sequence
  ${locked ? 'FOR UPDATE OF c, e' : ''}`;

/** The write's parameters in order. Only a case that moved takes the last five (MOVE_PARAMETERS). */
const SAVE_PARAMETERS = [
  'caseId',
  'version',
  'lastActivityAt',
  'eventIds',
  'fromStates',
  'toStates',
  'outcomes',
  'beneficiaryId',
  'counterNames',
  'counterDeltas',
  'counterShard',
  'placementIds',
  'placementEventIds',
  'state',
  'stateBeforeHold',
  'closedReason',
  'closedAt',
  'placedAt',
] as const;
type SaveParameter = (typeof SAVE_PARAMETERS)[number];
const MOVE_PARAMETERS = 5;

function param(name: SaveParameter): string {
  return `$${SAVE_PARAMETERS.indexOf(name) + 1}`;
}

/** Every apply bumps the version, so a write planned from a stale read updates nothing. */
function caseUpdate(moved: boolean): string {
  const touched = `last_activity_at = GREATEST(last_activity_at, ${param('lastActivityAt')}),
      inactivity_flagged_at = NULL,
      version = version + 1`;
  const state = param('state');
  const set = moved
    ? `status = ${state}::case_status,
      status_before_hold = ${param('stateBeforeHold')}::case_status,
      closed_reason = CASE WHEN ${state}::case_status = 'closed' THEN ${param('closedReason')}::varchar ELSE NULL END,
      closed_at = CASE WHEN ${state}::case_status = 'closed' THEN ${param('closedAt')}::timestamptz ELSE NULL END,
      placed_at = COALESCE(placed_at, ${param('placedAt')}::timestamptz),
      updated_at = now(),
      ${touched}`
    : touched;
  return `UPDATE cases SET ${set} WHERE id = ${param('caseId')} AND version = ${param('version')} RETURNING id`;
}

/**
 * Everything an apply writes, in one statement: the case, only if its version is still the one read
 * (compare-and-set), and the timeline entries, the person's first placement, the counters and the
 * milestones only if the case was updated. Outside a transaction it is one of its own, so the
 * placements counter's row lock, which orders milestone crossings, is held for no round trip.
 */
function saveSql(moved: boolean, milestones: MilestonesService): string {
  const placementEventIds = `${param('placementEventIds')}::uuid[]`;
  return `
    WITH saved AS (${caseUpdate(moved)}),
    timeline AS (
      UPDATE case_events e
      SET applied_at = now(), from_state = x.from_state, to_state = x.to_state, outcome = x.outcome
      FROM saved, unnest(${param('eventIds')}::uuid[], ${param('fromStates')}::case_status[],
        ${param('toStates')}::case_status[], ${param('outcomes')}::varchar[]) AS x(id, from_state, to_state, outcome)
      WHERE e.id = x.id),
    placed AS (
      INSERT INTO people_placed (beneficiary_id)
      SELECT ${param('beneficiaryId')}::uuid FROM saved WHERE cardinality(${placementEventIds}) > 0
      ON CONFLICT DO NOTHING RETURNING 1),
    counted AS (${counterUpsertSql(
      `SELECT d.name, d.delta FROM saved,
         unnest(${param('counterNames')}::varchar[], ${param('counterDeltas')}::bigint[]) AS d(name, delta)
       UNION ALL SELECT '${Metric.PEOPLE_PLACED}', 1 FROM placed`,
      `${param('counterShard')}::smallint`,
    )}),
    reached AS (${milestones.recordCrossingsSql('counted', `${param('placementIds')}::uuid[]`, placementEventIds)})
    SELECT (SELECT count(*)::int FROM saved) AS applied, ${milestones.announceSql('reached')} AS announced,
      ${ASYNC_COMMIT} AS commit_mode`;
}

function isPlacement(event: PendingEvent): boolean {
  return event.type === CaseEventType.PLACEMENT_RECORDED;
}

@Injectable()
export class WorkflowEngineService implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkflowEngineService.name);
  /**
   * Connections of the engine's own, which plan its statements once each (generic plans). By default
   * PostgreSQL planned the write anew for every event, because a generic plan cannot see how long the
   * arrays are and looks dearer, and planning took longer than running it (docs/DECISIONS.md). The
   * setting is per session, so the rest of the process keeps the default on the shared pool.
   */
  private readonly pool: pg.Pool;
  private readonly saveStatements: Record<'moved' | 'touched', string>;

  constructor(config: AppConfig, milestones: MilestonesService) {
    this.pool = new pg.Pool({
      connectionString: config.databaseUrl,
      // A job holds one connection at a time.
      max: config.values.WORKER_CONCURRENCY,
      options: '-c plan_cache_mode=force_generic_plan',
    });
    // An idle connection dropped by the server is replaced on the next checkout.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'engine connection lost'));
    this.saveStatements = { moved: saveSql(true, milestones), touched: saveSql(false, milestones) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  /**
   * Applies an event exactly once and in order within its case: every earlier pending event of the
   * case first, so an event delivered early never overtakes its predecessors, and nothing when it is
   * already applied (a duplicate delivery).
   *
   * Two statements and no explicit transaction: a read, then a write that applies the events only if
   * the case's version is still the one read. A worker spends its time waiting for PostgreSQL, so round
   * trips are what limit throughput (docs/DECISIONS.md).
   */
  async applyEvent(eventId: string): Promise<ApplyResult> {
    const outcome = await this.withConnection(async (client) => {
      const { rows } = await client.query<PendingRow>({
        name: 'engine-pending',
        text: PENDING(false),
        values: [eventId],
      });
      if (!rows.length) return { applied: 0 };
      const plan = this.plan(rows);
      // Zero: another worker applied events of this case between the read and the write.
      return (await this.save(client, plan)) ? { applied: plan.applied.length } : null;
    });
    // A lost race: under the lock, which cannot lose it twice.
    return outcome ?? this.applyLocked(eventId);
  }

  /** Named statements: each connection prepares them once, so they are planned once (`pool`). */
  private async withConnection<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      const result = await work(client);
      client.release();
      return result;
    } catch (error) {
      // Not handed out again: closing it rolls back the transaction it may have been in.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  /**
   * The case row lock serialises every worker touching the case; `applied_at IS NULL` under that lock
   * makes a duplicate delivery a no-op.
   */
  private async applyLocked(eventId: string): Promise<ApplyResult> {
    return this.withConnection(async (client) => {
      await client.query('BEGIN');
      // Waiting for the lock makes PostgreSQL re-read the locked rows: an event applied meanwhile by the
      // transaction we waited for drops out, and the case's state is the one it left. Rows are locked
      // in sequence order, the same in every worker, so no deadlock.
      const { rows } = await client.query<PendingRow>({
        name: 'engine-pending-locked',
        text: PENDING(true),
        values: [eventId],
      });
      const plan = rows.length ? this.plan(rows) : null;
      if (plan) await this.save(client, plan);
      await client.query('COMMIT');
      return { applied: plan?.applied.length ?? 0 };
    });
  }

  /** Writes the plan if the case is still at the version it was read at; answers whether it was. */
  private async save(client: pg.PoolClient, plan: Plan): Promise<boolean> {
    const { rows } = await client.query<{ applied: number }>({
      name: plan.moved ? 'engine-save-moved' : 'engine-save-touched',
      text: this.saveStatements[plan.moved ? 'moved' : 'touched'],
      values: this.parameters(plan),
    });
    return rows[0].applied > 0;
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

  /** The write's parameters (SAVE_PARAMETERS), in their order. */
  private parameters(plan: Plan): unknown[] {
    const deltas = this.deltas(plan);
    const placements = plan.applied.filter(({ event }) => isPlacement(event)).map(({ event }) => event);
    const values: Record<SaveParameter, unknown> = {
      caseId: plan.caseId,
      version: plan.version,
      lastActivityAt: plan.lastActivityAt,
      eventIds: plan.applied.map(({ event }) => event.id),
      fromStates: plan.applied.map(({ from }) => from),
      toStates: plan.applied.map(({ move }) => move?.to ?? null),
      outcomes: plan.applied.map(({ move }) => (move ? (move.closedReason ?? null) : 'no move')),
      // A person counts once however many contracts (extensions, conversions, later cases) they sign.
      beneficiaryId: plan.beneficiaryId,
      counterNames: [...deltas.keys()],
      counterDeltas: [...deltas.values()],
      counterShard: randomCounterShard(),
      placementIds: placements.map((event) => event.payload.placementId ?? null),
      placementEventIds: placements.map((event) => event.id),
      state: plan.end.state,
      stateBeforeHold: plan.end.stateBeforeHold,
      closedReason: plan.closedReason,
      closedAt: plan.closedAt,
      placedAt: plan.placedAt,
    };
    const used = plan.moved ? SAVE_PARAMETERS : SAVE_PARAMETERS.slice(0, -MOVE_PARAMETERS);
    return used.map((name) => values[name]);
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
}
