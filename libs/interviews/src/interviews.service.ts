import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { CaseEventsService, CaseEventType, CasesService, CaseState } from '#app/cases';
import { type Actor, type Page, type PaginationQueryDto, toPage } from '#app/core';
import { InterviewEntity } from './interview.entity.js';
import { InterviewException, InterviewExceptionCode } from './interview.exception.js';
import type { ScheduleInterviewDto } from './dto/schedule-interview.dto.js';
import type { UpdateInterviewDto } from './dto/update-interview.dto.js';

/** Tolerates a counsellor's clock running slightly ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

@Injectable()
export class InterviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(InterviewEntity) private readonly interviews: Repository<InterviewEntity>,
    private readonly cases: CasesService,
    private readonly events: CaseEventsService,
  ) {}

  async schedule(caseId: string, dto: ScheduleInterviewDto, actor: Actor): Promise<InterviewEntity> {
    const found = await this.cases.findVisibleOrFail(caseId, actor);
    if (found.status === CaseState.CLOSED) {
      throw new InterviewException(InterviewExceptionCode.CASE_CLOSED, 'The case is closed');
    }
    return this.interviews.save(
      this.interviews.create({ caseId, scheduledAt: new Date(dto.scheduledAt), createdById: actor.id }),
    );
  }

  async listForCase(caseId: string, query: PaginationQueryDto, actor: Actor): Promise<Page<InterviewEntity>> {
    await this.cases.findVisibleOrFail(caseId, actor);
    const [items, total] = await this.interviews.findAndCount({
      where: { caseId },
      order: { scheduledAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  async findVisibleOrFail(id: string, actor: Actor): Promise<InterviewEntity> {
    const interview = await this.interviews.findOneBy({ id });
    if (!interview)
      throw new InterviewException(InterviewExceptionCode.NOT_FOUND, `Interview ${id} not found`);
    try {
      await this.cases.findVisibleOrFail(interview.caseId, actor);
    } catch {
      throw new InterviewException(InterviewExceptionCode.NOT_FOUND, `Interview ${id} not found`);
    }
    return interview;
  }

  /** Recording `heldAt` stores the outcome and the `interview.held` event in one transaction. */
  async update(id: string, dto: UpdateInterviewDto, actor: Actor): Promise<InterviewEntity> {
    await this.findVisibleOrFail(id, actor);
    if (dto.heldAt && new Date(dto.heldAt).getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new InterviewException(InterviewExceptionCode.HELD_IN_FUTURE, 'heldAt cannot be in the future');
    }
    return this.dataSource.transaction(async (manager) => {
      const interview = await manager.findOneOrFail(InterviewEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const becomesHeld = dto.heldAt !== undefined && interview.heldAt === null;
      if (
        dto.heldAt !== undefined &&
        !becomesHeld &&
        new Date(dto.heldAt).getTime() !== interview.heldAt?.getTime()
      ) {
        throw new InterviewException(
          InterviewExceptionCode.ALREADY_HELD,
          'This interview was already recorded as held',
        );
      }
      if (dto.triage !== undefined && interview.heldAt !== null && dto.triage !== interview.triage) {
        throw new InterviewException(
          InterviewExceptionCode.ALREADY_HELD,
          'The triage of a held interview is final',
        );
      }
      manager.merge(InterviewEntity, interview, {
        ...dto,
        heldAt: dto.heldAt === undefined ? interview.heldAt : new Date(dto.heldAt),
      });
      const saved = await manager.save(interview);
      if (becomesHeld) {
        await this.events.record(
          manager,
          interview.caseId,
          CaseEventType.INTERVIEW_HELD,
          { interviewId: interview.id, triage: saved.triage },
          actor,
        );
      }
      return saved;
    });
  }
}
