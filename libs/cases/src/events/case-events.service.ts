import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type Actor, type Page, type PaginationQueryDto, toPage } from '#app/core';
import { CaseEventEntity } from './case-event.entity.js';
import type { CaseEventType } from '../workflow/case-state.js';
import { OutboxWakerService } from './outbox-waker.service.js';

export type RecordedEvent = Pick<CaseEventEntity, 'id' | 'sequence'>;

@Injectable()
export class CaseEventsService {
  constructor(
    @InjectRepository(CaseEventEntity) private readonly events: Repository<CaseEventEntity>,
    private readonly waker: OutboxWakerService,
  ) {}

  /**
   * Writes an event into the outbox inside the caller's transaction, in one statement that first locks
   * the case row, so that events of one case get their sequence numbers in commit order: the engine
   * applies them by sequence, and an event committed later must never carry a smaller number. The
   * relays are woken once the transaction commits.
   */
  async record(
    manager: EntityManager,
    caseId: string,
    type: CaseEventType,
    payload: Record<string, unknown>,
    actor: Actor | null,
  ): Promise<RecordedEvent> {
    const [recorded] = await manager.query<RecordedEvent[]>(
      `WITH locked AS (SELECT id FROM cases WHERE id = $1 FOR UPDATE)
       ${this.insertSql('SELECT id, $2::varchar, $3::jsonb, $4::uuid, $5::timestamptz FROM locked')}`,
      [caseId, type, payload, actor?.id ?? null, new Date()],
    );
    if (!recorded) throw new Error(`case ${caseId} does not exist: no event recorded`);
    this.written(manager);
    return recorded;
  }

  /**
   * The outbox INSERT for a caller that folds it into a statement of its own: `source` yields
   * (case_id, type, payload, actor_id, occurred_at), and the statement must have locked those cases'
   * rows before (see `record`). After running it, the caller calls `written`.
   */
  insertSql(source: string): string {
    return `INSERT INTO case_events (case_id, type, payload, actor_id, occurred_at) ${source} RETURNING id, sequence`;
  }

  /** Events were written through `manager`: the relays are woken when its transaction commits. */
  written(manager: EntityManager): void {
    this.waker.eventsWritten(manager);
  }

  async timeline(caseId: string, query: PaginationQueryDto): Promise<Page<CaseEventEntity>> {
    const [items, total] = await this.events.findAndCount({
      where: { caseId },
      order: { sequence: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(items, total, query);
  }
}
