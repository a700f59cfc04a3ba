import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { CaseEntity, CaseEventsService, CaseEventType } from '#app/cases';
import { type Actor, type Page, Role, seesEverything, toPage, programmeToday } from '#app/core';
import { FollowUpEntity } from './follow-up.entity.js';
import { FollowUpException, FollowUpExceptionCode } from './follow-up.exception.js';
import { followUpDueDates } from './follow-up-schedule.js';
import { FollowUpStatus, type ListFollowUpsQueryDto } from './dto/list-follow-ups.query.js';
import type { RecordFollowUpDto } from './dto/record-follow-up.dto.js';

@Injectable()
export class FollowUpsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(FollowUpEntity) private readonly followUps: Repository<FollowUpEntity>,
    private readonly events: CaseEventsService,
  ) {}

  /** The +3/+6/+12-month follow-ups of a new placement, in the transaction that records it. */
  async scheduleInTransaction(
    manager: EntityManager,
    placement: { id: string; caseId: string; startsOn: string },
  ): Promise<FollowUpEntity[]> {
    return manager.save(
      followUpDueDates(placement.startsOn).map(({ monthsAfter, dueOn }) =>
        manager.create(FollowUpEntity, {
          placementId: placement.id,
          caseId: placement.caseId,
          monthsAfter,
          dueOn,
        }),
      ),
    );
  }

  async list(query: ListFollowUpsQueryDto, actor: Actor): Promise<Page<FollowUpEntity>> {
    const qb = this.scoped(this.followUps.createQueryBuilder('f'), actor).andWhere('f.dueOn <= :due', {
      due: query.due ?? programmeToday(),
    });
    const status = query.status ?? FollowUpStatus.OPEN;
    if (status === FollowUpStatus.OPEN) qb.andWhere('f.recordedAt IS NULL');
    if (status === FollowUpStatus.RECORDED) qb.andWhere('f.recordedAt IS NOT NULL');
    if (query.caseId) qb.andWhere('f.caseId = :caseId', { caseId: query.caseId });
    const [items, total] = await qb
      .orderBy('f.dueOn', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return toPage(items, total, query);
  }

  async findVisibleOrFail(id: string, actor: Actor, manager?: EntityManager): Promise<FollowUpEntity> {
    const repository = manager ? manager.getRepository(FollowUpEntity) : this.followUps;
    const found = await this.scoped(repository.createQueryBuilder('f'), actor)
      .andWhere('f.id = :id', { id })
      .getOne();
    if (!found) throw new FollowUpException(FollowUpExceptionCode.NOT_FOUND, `Follow-up ${id} not found`);
    return found;
  }

  /**
   * Records the outcome and `followup.recorded` in one transaction; the engine closes the case at the
   * +12-month one. Allowed on a closed case: the contract outlives the case, and the +3/+6 outcomes
   * that retention reports need may be recorded after the +12 closed it.
   */
  async record(id: string, dto: RecordFollowUpDto, actor: Actor): Promise<FollowUpEntity> {
    return this.dataSource.transaction(async (manager) => {
      const visible = await this.findVisibleOrFail(id, actor, manager);
      // The case lock (taken by the event write) comes first everywhere, so take it before the row lock.
      await manager.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [visible.caseId]);
      const followUp = await manager.findOneOrFail(FollowUpEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (followUp.recordedAt) {
        throw new FollowUpException(
          FollowUpExceptionCode.ALREADY_RECORDED,
          'This follow-up was already recorded',
          { recordedAt: followUp.recordedAt },
        );
      }
      const today = programmeToday();
      if (followUp.dueOn > today) {
        throw new FollowUpException(
          FollowUpExceptionCode.NOT_DUE,
          `This follow-up is due on ${followUp.dueOn}; it cannot be recorded before`,
          { dueOn: followUp.dueOn },
        );
      }
      manager.merge(FollowUpEntity, followUp, {
        recordedAt: new Date(),
        employed: dto.employed,
        notes: dto.notes ?? null,
        recordedById: actor.id,
      });
      const saved = await manager.save(followUp);
      await this.events.record(
        manager,
        followUp.caseId,
        CaseEventType.FOLLOWUP_RECORDED,
        {
          followUpId: followUp.id,
          placementId: followUp.placementId,
          monthsAfterPlacement: followUp.monthsAfter,
          employed: dto.employed,
        },
        actor,
      );
      return saved;
    });
  }

  /** Counsellors see the follow-ups of their cases; admins and coordinators all; companies none. */
  private scoped(qb: SelectQueryBuilder<FollowUpEntity>, actor: Actor): SelectQueryBuilder<FollowUpEntity> {
    if (seesEverything(actor)) return qb.where('1 = 1');
    if (actor.role === Role.COUNSELLOR) {
      return qb
        .innerJoin(CaseEntity, 'c', 'c.id = f.caseId')
        .where('c.counsellorId = :actorId', { actorId: actor.id });
    }
    return qb.where('1 = 0');
  }
}
