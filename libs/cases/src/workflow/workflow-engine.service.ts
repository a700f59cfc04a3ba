import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { AppConfig, type PublishedEvent } from '#app/core';
import { counterUpsertSql, Metric, MilestonesService, randomCounterShard } from '#app/metrics';
import { CaseEventType, CaseState } from './case-state.js';
import { counterDeltas, type CaseEventPayload, toWorkflowEvent } from './event-effects.js';
import { applyMove, type CaseSnapshot, type Move, nextMove } from './state-machine.js';
import { eventsByCase } from '../events/event-jobs.js';

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

/** A case as the engine last wrote it: what applying its next event needs, besides the event. */
interface KnownCase extends CaseSnapshot {
  version: number;
  beneficiaryId: string;
}

/** Cases remembered per process; a few minutes of a busy programme's events at most. */
const KNOWN_CASES_MAX = 50_000;

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
  /**
   * Set when the case's state was not read but remembered: the write then also checks that the events
   * applied are exactly the case's pending ones up to this sequence (none earlier, not applied yet).
   */
  lastSequence: string | null;
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

/**
 * The events of one case up to a sequence number, read through the case's own index. `OFFSET 0` keeps
 * the caller's `applied_at IS NULL` out of this subquery: given it, the planner may choose the outbox's
 * index of unapplied events instead, which statistics taken while nothing was pending call empty, and
 * then reads every pending event of every case for each event applied. A backlog (Redis down for a
 * while, a worker restarted) builds up faster than autovacuum analyzes a large table, so that plan
 * would catch up in quadratic time (docs/DECISIONS.md).
 */
function caseEventsUpTo(caseId: string, sequence: string): string {
  return `(SELECT id, type, payload, occurred_at, sequence, applied_at FROM case_events
    WHERE case_id = ${caseId} AND sequence <= ${sequence} OFFSET 0)`;
}

/** The case and its unapplied events up to the one asked for, in order. */
const PENDING = `
  SELECT c.id AS case_id, c.beneficiary_id, c.status, c.status_before_hold, c.version,
         e.id, e.type, e.payload, e.occurred_at
  FROM case_events target
  JOIN cases c ON c.id = target.case_id
  CROSS JOIN LATERAL ${caseEventsUpTo('target.case_id', 'target.sequence')} e
  WHERE target.id = $1 AND e.applied_at IS NULL
  ORDER BY e.sequence`;

/**
 * The fallback path's lock: every apply updates the case row, so once this transaction holds it no
 * other worker applies events of the case, and the next statement's snapshot sees all they applied.
 */
const LOCK_CASE = `SELECT 1 FROM cases WHERE id = (SELECT case_id FROM case_events WHERE id = $1) FOR UPDATE`;

type SaveParameter =
  | 'caseId'
  | 'version'
  | 'lastActivityAt'
  | 'eventIds'
  | 'fromStates'
  | 'toStates'
  | 'outcomes'
  | 'counterNames'
  | 'counterDeltas'
  | 'counterShard'
  | 'state'
  | 'stateBeforeHold'
  | 'closedReason'
  | 'closedAt'
  | 'placedAt'
  | 'beneficiaryId'
  | 'lastSequence';

/** A write statement, named so each connection prepares it once, and its parameters in their order. */
interface SaveStatement {
  name: string;
  text: string;
  parameters: SaveParameter[];
}

/** Numbers parameters in the order a statement first uses them, so each statement takes only its own. */
class Parameters {
  readonly names: SaveParameter[] = [];

  ref(name: SaveParameter): string {
    if (!this.names.includes(name)) this.names.push(name);
    return `$${this.names.indexOf(name) + 1}`;
  }
}

/**
 * Every apply bumps the version, so a write planned from a stale read updates nothing. A write planned
 * from a remembered state (`guarded`) also updates nothing unless the events it applies are exactly
 * the pending ones of the case up to the last of them: none applied already, none earlier left out.
 */
function caseUpdate(moved: boolean, guarded: boolean, p: Parameters): string {
  let set = `last_activity_at = GREATEST(last_activity_at, ${p.ref('lastActivityAt')}),
      inactivity_flagged_at = NULL,
      version = version + 1`;
  if (moved) {
    const state = p.ref('state');
    set = `status = ${state}::case_status,
      status_before_hold = ${p.ref('stateBeforeHold')}::case_status,
      closed_reason = CASE WHEN ${state}::case_status = 'closed' THEN ${p.ref('closedReason')}::varchar ELSE NULL END,
      closed_at = CASE WHEN ${state}::case_status = 'closed' THEN ${p.ref('closedAt')}::timestamptz ELSE NULL END,
      placed_at = COALESCE(placed_at, ${p.ref('placedAt')}::timestamptz),
      updated_at = now(),
      ${set}`;
  }
  let where = `id = ${p.ref('caseId')} AND version = ${p.ref('version')}`;
  if (guarded) {
    where += ` AND (SELECT array_agg(e.id ORDER BY e.sequence)
      FROM ${caseEventsUpTo('cases.id', `${p.ref('lastSequence')}::bigint`)} e WHERE e.applied_at IS NULL)
      = ${p.ref('eventIds')}::uuid[]`;
  }
  return `UPDATE cases SET ${set} WHERE ${where} RETURNING id`;
}

/**
 * Everything an apply writes, in one statement: the case, only if its version is still the one read
 * (compare-and-set), and the timeline entries, the counters and, for placements, the person's first
 * placement only if the case was updated. Outside a transaction it is one of its own. With placements,
 * the placements counter and its milestones come after it in the same transaction (`TALLY`), which
 * counts only if this statement marked the transaction as having written (`PLACEMENT_WRITTEN`).
 */
function saveStatement(moved: boolean, placing: boolean, guarded: boolean): SaveStatement {
  const p = new Parameters();
  const saved = caseUpdate(moved, guarded, p);
  let deltas = `SELECT d.name, d.delta FROM saved,
         unnest(${p.ref('counterNames')}::varchar[], ${p.ref('counterDeltas')}::bigint[]) AS d(name, delta)`;
  let placed = '';
  if (placing) {
    // A person counts once however many contracts (extensions, conversions, later cases) they sign.
    placed = `placed AS (
      INSERT INTO people_placed (beneficiary_id)
      SELECT ${p.ref('beneficiaryId')}::uuid FROM saved
      ON CONFLICT DO NOTHING RETURNING 1),`;
    deltas += ` UNION ALL SELECT '${Metric.PEOPLE_PLACED}', 1 FROM placed`;
  }
  const text = `
    WITH saved AS (${saved}),
    timeline AS (
      UPDATE case_events e
      SET applied_at = now(), from_state = x.from_state, to_state = x.to_state, outcome = x.outcome
      FROM saved, unnest(${p.ref('eventIds')}::uuid[], ${p.ref('fromStates')}::case_status[],
        ${p.ref('toStates')}::case_status[], ${p.ref('outcomes')}::varchar[]) AS x(id, from_state, to_state, outcome)
      WHERE e.id = x.id),
    ${placed}
    counted AS (${counterUpsertSql(deltas, `${p.ref('counterShard')}::smallint`)})
    SELECT (SELECT count(*)::int FROM saved) AS applied, ${ASYNC_COMMIT} AS commit_mode
    ${placing ? `, set_config('${PLACEMENT_WRITTEN}', (SELECT count(*) FROM saved)::text, true) AS written` : ''}`;
  const name = `engine_save_${moved ? 'moved' : 'touched'}${placing ? '_placing' : ''}${guarded ? '_guarded' : ''}`;
  return { name, text, parameters: p.names };
}

/** Set, for its transaction only, by a placement's write that updated the case: read by `TALLY`. */
const PLACEMENT_WRITTEN = 'engine.placement_written';

/** The types of the write statements' parameters, for SQL PREPARE. */
const PARAMETER_TYPES: Record<SaveParameter, string> = {
  caseId: 'uuid',
  version: 'integer',
  lastActivityAt: 'timestamptz',
  eventIds: 'uuid[]',
  fromStates: 'case_status[]',
  toStates: 'case_status[]',
  outcomes: 'varchar[]',
  counterNames: 'varchar[]',
  counterDeltas: 'bigint[]',
  counterShard: 'smallint',
  state: 'case_status',
  stateBeforeHold: 'case_status',
  closedReason: 'varchar',
  closedAt: 'timestamptz',
  placedAt: 'timestamptz',
  beneficiaryId: 'uuid',
  lastSequence: 'bigint',
};

/** What the write statements take as parameters. */
type SqlValue = string | number | Date | null | (string | number | null)[];

/** A value as an SQL literal for EXECUTE: arrays in PostgreSQL's array syntax, every value quoted. */
function literal(client: pg.PoolClient, value: SqlValue): string {
  if (value === null) return 'NULL';
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) {
    const elements = value.map((element) =>
      element === null ? 'NULL' : `"${String(element).replace(/["\\]/g, '\\$&')}"`,
    );
    return client.escapeLiteral(`{${elements.join(',')}}`);
  }
  return client.escapeLiteral(String(value));
}

/**
 * The placements counter and the milestones its increment crosses, run last in a placement's
 * transaction and sent with its COMMIT in one message. The counter's row lock is what orders crossings
 * (each threshold is seen by one transaction), so it is held from this statement to the commit and no
 * longer: not across a round trip to the worker, and not while the case's update runs the read model's
 * triggers, which take longer than everything else a placement writes; every placement queued behind
 * it did (docs/DECISIONS.md). Prepared with SQL PREPARE once per connection, as EXECUTE can share a
 * message with COMMIT where a protocol-level prepared statement cannot.
 */
const TALLY = 'engine_tally';

function tallyPrepareSql(milestones: MilestonesService): string {
  return `PREPARE ${TALLY} (bigint, uuid[], uuid[]) AS
    WITH counted AS (${counterUpsertSql(
      `SELECT '${Metric.PLACEMENTS}'::varchar AS name, $1 AS delta
       WHERE current_setting('${PLACEMENT_WRITTEN}', true) = '1'`,
      '0::smallint',
    )}),
    reached AS (${milestones.recordCrossingsSql('counted', '$2', '$3')})
    SELECT ${milestones.announceSql('reached')} AS announced`;
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
  /**
   * By [guarded][moved][placing]: whether the state was remembered rather than read, whether the case
   * changes state, whether a placement is among the events.
   */
  private readonly saveStatements: SaveStatement[][][];
  /**
   * The cases this process wrote, as it left them. The next event of such a case is applied with one
   * statement instead of a read and a write; the write checks the version and the pending events, so a
   * case another replica wrote meanwhile, or an event delivered twice or early, falls back to the read.
   */
  private readonly known = new Map<string, KnownCase>();
  private readonly tallyPrepare: string;
  /** The statements each connection has prepared with SQL PREPARE. */
  private readonly sqlPrepared = new WeakMap<pg.PoolClient, Set<string>>();

  constructor(config: AppConfig, milestones: MilestonesService) {
    this.pool = new pg.Pool({
      connectionString: config.databaseUrl,
      // A job holds one connection at a time.
      max: config.values.WORKER_CONCURRENCY,
      options: '-c plan_cache_mode=force_generic_plan',
    });
    // An idle connection dropped by the server is replaced on the next checkout.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'engine connection lost'));
    this.saveStatements = [false, true].map((guarded) =>
      [false, true].map((moved) => [false, true].map((placing) => saveStatement(moved, placing, guarded))),
    );
    this.tallyPrepare = tallyPrepareSql(milestones);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  /**
   * Applies the events of a job, case by case. A case this process wrote last is one statement for all
   * its events in the job (`known`); otherwise, or if the case moved on meanwhile, `applyEvent` of its
   * last one. A case that fails does not stop the others; the job then fails and is retried, which
   * applies nothing twice.
   */
  async applyEvents(events: PublishedEvent[]): Promise<ApplyResult> {
    let applied = 0;
    const failures: unknown[] = [];
    for (const caseEvents of eventsByCase(events)) {
      try {
        applied += (await this.applyCaseEvents(caseEvents)).applied;
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length) throw new AggregateError(failures, `${failures.length} cases of the job failed`);
    return { applied };
  }

  /** One case's events, in sequence order. */
  private async applyCaseEvents(events: PublishedEvent[]): Promise<ApplyResult> {
    const last = events[events.length - 1];
    const known = this.known.get(last.caseId);
    if (known) {
      const pending = events.map((event): PendingEvent => ({
        id: event.eventId,
        type: event.type as CaseEventType,
        payload: event.payload,
        occurred_at: new Date(event.occurredAt),
      }));
      const plan = this.plan(last.caseId, known, pending, last.sequence);
      if (await this.withConnection((client) => this.save(client, plan, false))) {
        return { applied: events.length };
      }
    }
    return this.applyEvent(last.eventId);
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
      const rows = await this.readPending(client, eventId);
      if (!rows.length) return { applied: 0 };
      const plan = this.planRead(rows);
      // Zero: another worker applied events of this case between the read and the write.
      return (await this.save(client, plan, false)) ? { applied: plan.applied.length } : null;
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
   * The case row lock serialises every worker touching the case; `applied_at IS NULL` read under that
   * lock makes a duplicate delivery a no-op.
   */
  private async applyLocked(eventId: string): Promise<ApplyResult> {
    return this.withConnection(async (client) => {
      await client.query('BEGIN');
      await client.query({ name: 'engine-lock-case', text: LOCK_CASE, values: [eventId] });
      const rows = await this.readPending(client, eventId);
      const plan = rows.length ? this.planRead(rows) : null;
      if (plan) await this.save(client, plan, true);
      else await client.query('COMMIT');
      return { applied: plan?.applied.length ?? 0 };
    });
  }

  private async readPending(client: pg.PoolClient, eventId: string): Promise<PendingRow[]> {
    const { rows } = await client.query<PendingRow>({
      name: 'engine-pending',
      text: PENDING,
      values: [eventId],
    });
    return rows;
  }

  /**
   * Writes the plan if the case is still at the version it was read at; answers whether it was. On the
   * locked path (`inTransaction`) it also commits. A placement is a transaction of its own, sent as one
   * message: BEGIN, the write, then the placements counter and its milestones (`TALLY`), COMMIT.
   */
  private async save(client: pg.PoolClient, plan: Plan, inTransaction: boolean): Promise<boolean> {
    const placements = plan.applied.filter(({ event }) => isPlacement(event)).map(({ event }) => event);
    const { name, text, parameters } =
      this.saveStatements[Number(plan.lastSequence !== null)][Number(plan.moved)][
        Number(placements.length > 0)
      ];
    const values = this.parameters(plan);
    let applied: boolean;
    if (!placements.length) {
      const { rows } = await client.query<{ applied: number }>({
        name,
        text,
        values: parameters.map((parameter) => values[parameter]),
      });
      applied = rows[0].applied > 0;
      if (inTransaction) await client.query('COMMIT');
    } else {
      const types = parameters.map((parameter) => PARAMETER_TYPES[parameter]).join(', ');
      await this.prepareOnce(client, name, `PREPARE ${name} (${types}) AS ${text}`);
      await this.prepareOnce(client, TALLY, this.tallyPrepare);
      const args = parameters.map((parameter) => literal(client, values[parameter])).join(', ');
      const placementIds = literal(
        client,
        placements.map((event) => event.payload.placementId ?? null),
      );
      const eventIds = literal(
        client,
        placements.map((event) => event.id),
      );
      const results = (await client.query(
        `${inTransaction ? '' : 'BEGIN; '}EXECUTE ${name} (${args});
         EXECUTE ${TALLY} (${placements.length}, ${placementIds}, ${eventIds}); COMMIT`,
      )) as unknown as pg.QueryResult<{ applied: number }>[];
      applied = results[inTransaction ? 0 : 1].rows[0].applied > 0;
    }
    this.remember(plan, applied);
    return applied;
  }

  /** Prepares a statement with SQL PREPARE on this connection, unless it already has. */
  private async prepareOnce(client: pg.PoolClient, name: string, prepare: string): Promise<void> {
    const prepared = this.sqlPrepared.get(client) ?? new Set<string>();
    if (prepared.has(name)) return;
    await client.query(prepare);
    prepared.add(name);
    this.sqlPrepared.set(client, prepared);
  }

  private planRead(rows: PendingRow[]): Plan {
    const [head] = rows;
    const start: KnownCase = {
      state: head.status,
      stateBeforeHold: head.status_before_hold,
      version: head.version,
      beneficiaryId: head.beneficiary_id,
    };
    return this.plan(head.case_id, start, rows, null);
  }

  /** What applying `events` in order does to the case, worked out in memory from its state `start`. */
  private plan(caseId: string, start: KnownCase, events: PendingEvent[], lastSequence: string | null): Plan {
    const plan: Plan = {
      caseId,
      beneficiaryId: start.beneficiaryId,
      version: start.version,
      lastSequence,
      applied: [],
      end: { state: start.state, stateBeforeHold: start.stateBeforeHold },
      moved: false,
      lastActivityAt: events[0].occurred_at,
      closedReason: null,
      closedAt: null,
      placedAt: null,
    };
    for (const event of events) {
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

  /**
   * Keeps the state a write left the case in; forgets the case when the write found it changed. A
   * remembered state that turns out stale (a transaction that failed after its write) only costs a
   * write that updates nothing and a read.
   */
  private remember(plan: Plan, written: boolean): void {
    this.known.delete(plan.caseId);
    if (!written) return;
    const { state, stateBeforeHold } = plan.end;
    this.known.set(plan.caseId, {
      state,
      stateBeforeHold,
      version: plan.version + 1,
      beneficiaryId: plan.beneficiaryId,
    });
    // Maps iterate in insertion order, and a case is re-inserted at each write: the first is the oldest.
    if (this.known.size > KNOWN_CASES_MAX) this.known.delete(this.known.keys().next().value as string);
  }

  /** Every parameter a write may take; each statement takes its own (`SaveStatement.parameters`). */
  private parameters(plan: Plan): Record<SaveParameter, SqlValue> {
    const deltas = this.deltas(plan);
    // Added by TALLY, after the write.
    deltas.delete(Metric.PLACEMENTS);
    return {
      caseId: plan.caseId,
      version: plan.version,
      lastActivityAt: plan.lastActivityAt,
      eventIds: plan.applied.map(({ event }) => event.id),
      fromStates: plan.applied.map(({ from }) => from),
      toStates: plan.applied.map(({ move }) => move?.to ?? null),
      outcomes: plan.applied.map(({ move }) => (move ? (move.closedReason ?? null) : 'no move')),
      counterNames: [...deltas.keys()],
      counterDeltas: [...deltas.values()],
      counterShard: randomCounterShard(),
      state: plan.end.state,
      stateBeforeHold: plan.end.stateBeforeHold,
      closedReason: plan.closedReason,
      closedAt: plan.closedAt,
      placedAt: plan.placedAt,
      beneficiaryId: plan.beneficiaryId,
      lastSequence: plan.lastSequence,
    };
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
