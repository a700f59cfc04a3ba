import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type Actor, type Page, type PaginationQueryDto, toPage } from '#app/core';
import { CaseEventEntity } from './case-event.entity.js';
import type { CaseEventType } from '../workflow/case-state.js';

export const OUTBOX_CHANNEL = 'case_events';

@Injectable()
export class CaseEventsService {
  constructor(@InjectRepository(CaseEventEntity) private readonly events: Repository<CaseEventEntity>) {}

  /**
   * Writes an event into the outbox inside the caller's transaction. The case row is locked first so
   * that events of one case get their sequence numbers in commit order: the engine applies them by
   * sequence, and an event committed later must never carry a smaller number.
   */
  async record(
    manager: EntityManager,
    caseId: string,
    type: CaseEventType,
    payload: Record<string, unknown>,
    actor: Actor | null,
  ): Promise<CaseEventEntity> {
    await manager.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    const event = manager.create(CaseEventEntity, {
      caseId,
      type,
      payload,
      actorId: actor?.id ?? null,
      occurredAt: new Date(),
    });
    const saved = await manager.save(event);
    // Wakes the relay at commit instead of at its next poll.
    await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, caseId]);
    return saved;
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
