import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Metric, MetricsService, MilestonesService } from '#app/metrics';
import { CaseEventType, CaseState } from './case-state.js';
import { counterDeltas, type CaseEventPayload, toWorkflowEvent } from './event-effects.js';
import { applyMove, type CaseSnapshot, nextMove } from './state-machine.js';

interface LockedCase {
  id: string;
  beneficiary_id: string;
  status: CaseState;
  status_before_hold: CaseState | null;
}

interface PendingEvent {
  id: string;
  type: CaseEventType;
  payload: CaseEventPayload;
  occurred_at: Date;
}

/** What the applied events did to the case, dated by when they happened (not when they were applied). */
interface CaseOutcome {
  closedReason: string | null;
  closedAt: Date | null;
  placedAt: Date | null;
  lastActivityAt: Date;
}

export interface ApplyResult {
  /** Events of the case applied by this call: the one asked for and any earlier one still pending. */
  applied: number;
}

@Injectable()
export class WorkflowEngineService {
  private readonly logger = new Logger(WorkflowEngineService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    private readonly milestones: MilestonesService,
  ) {}

  /**
   * Applies an event exactly once and in order within its case. The case row lock serialises every
   * worker touching the case; `applied_at IS NULL` under that lock makes a duplicate delivery a no-op;
   * and applying every earlier pending event first means an event delivered early never overtakes
   * its predecessors.
   */
  async applyEvent(eventId: string): Promise<ApplyResult> {
    return this.dataSource.transaction(async (manager) => {
      const [target] = await manager.query<Array<{ case_id: string; sequence: string }>>(
        'SELECT case_id, sequence FROM case_events WHERE id = $1',
        [eventId],
      );
      if (!target) {
        this.logger.warn({ eventId }, 'event not found; nothing to apply');
        return { applied: 0 };
      }
      const [locked] = await manager.query<LockedCase[]>(
        'SELECT id, beneficiary_id, status, status_before_hold FROM cases WHERE id = $1 FOR UPDATE',
        [target.case_id],
      );
      const pending = await manager.query<PendingEvent[]>(
        `SELECT id, type, payload, occurred_at FROM case_events
         WHERE case_id = $1 AND applied_at IS NULL AND sequence <= $2
         ORDER BY sequence`,
        [target.case_id, target.sequence],
      );
      if (!pending.length) return { applied: 0 };

      const start: CaseSnapshot = { state: locked.status, stateBeforeHold: locked.status_before_hold };
      let snapshot = start;
      const outcome: CaseOutcome = {
        closedReason: null,
        closedAt: null,
        placedAt: null,
        lastActivityAt: pending[0].occurred_at,
      };
      for (const event of pending) {
        const move = nextMove(snapshot, toWorkflowEvent(event.type, event.payload));
        await manager.query(
          `UPDATE case_events SET applied_at = now(), from_state = $2::case_status, to_state = $3::case_status, outcome = $4 WHERE id = $1`,
          [event.id, snapshot.state, move?.to ?? null, move ? (move.closedReason ?? null) : 'no move'],
        );
        await this.count(manager, locked, event, snapshot.state, move);
        if (event.occurred_at > outcome.lastActivityAt) outcome.lastActivityAt = event.occurred_at;
        if (move) {
          if (move.to === CaseState.CLOSED)
            Object.assign(outcome, { closedReason: move.closedReason ?? null, closedAt: event.occurred_at });
          if (move.to === CaseState.PLACED) outcome.placedAt ??= event.occurred_at;
          snapshot = applyMove(snapshot, move);
        }
      }
      await this.saveCase(manager, locked.id, start, snapshot, outcome);
      return { applied: pending.length };
    });
  }

  private async count(
    manager: EntityManager,
    locked: LockedCase,
    event: PendingEvent,
    state: CaseState,
    move: ReturnType<typeof nextMove>,
  ): Promise<void> {
    const deltas = counterDeltas(event.type, event.payload, state, move);
    if (event.type === CaseEventType.PLACEMENT_RECORDED) {
      // A person counts once however many contracts (extensions, conversions, later cases) they sign.
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO people_placed (beneficiary_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING beneficiary_id`,
        [locked.beneficiary_id],
      );
      if (inserted.length) deltas.set(Metric.PEOPLE_PLACED, 1);
    }
    const changes = await this.metrics.add(manager, deltas);
    const placements = changes.get(Metric.PLACEMENTS);
    if (placements) {
      await this.milestones.recordCrossings(manager, {
        metric: Metric.PLACEMENTS,
        ...placements,
        placementId: event.payload.placementId ?? null,
        caseEventId: event.id,
      });
    }
  }

  private async saveCase(
    manager: EntityManager,
    caseId: string,
    start: CaseSnapshot,
    end: CaseSnapshot,
    outcome: CaseOutcome,
  ): Promise<void> {
    if (start.state === end.state && start.stateBeforeHold === end.stateBeforeHold) {
      await manager.query(
        `UPDATE cases SET last_activity_at = GREATEST(last_activity_at, $2), inactivity_flagged_at = NULL WHERE id = $1`,
        [caseId, outcome.lastActivityAt],
      );
      return;
    }
    await manager.query(
      `UPDATE cases SET
         status = $2::case_status,
         status_before_hold = $3::case_status,
         closed_reason = CASE WHEN $2::case_status = 'closed' THEN $4::varchar ELSE NULL END,
         closed_at = CASE WHEN $2::case_status = 'closed' THEN $5::timestamptz ELSE NULL END,
         placed_at = COALESCE(placed_at, $6::timestamptz),
         last_activity_at = GREATEST(last_activity_at, $7),
         inactivity_flagged_at = NULL,
         version = version + 1,
         updated_at = now()
       WHERE id = $1`,
      [
        caseId,
        end.state,
        end.stateBeforeHold,
        outcome.closedReason,
        outcome.closedAt,
        outcome.placedAt,
        outcome.lastActivityAt,
      ],
    );
  }
}
