import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { type Actor, type Page, preparedQuery, Role, seesEverything, toPage } from '#app/core';
import { UsersService } from '#app/auth';
import { BeneficiariesService } from '#app/beneficiaries';
import { CaseEntity } from './case.entity.js';
import { CaseException, CaseExceptionCode } from './case.exception.js';
import { CaseEventsService } from '../events/case-events.service.js';
import { CaseEventType, CaseState, ManualCloseReason } from '../workflow/case-state.js';
import { MANUAL_ACTION_EVENT, ManualAction, nextMove } from '../workflow/state-machine.js';
import type { ListCasesQueryDto } from './dto/list-cases.query.js';
import type { TimelineQueryDto } from './dto/timeline.query.js';
import type { OpenCaseDto } from './dto/open-case.dto.js';
import type { TransitionCaseDto } from './dto/transition-case.dto.js';
import type { CaseEventEntity } from '../events/case-event.entity.js';

const CLOSE_REASONS = Object.values(ManualCloseReason) as string[];

/**
 * The columns of a case under their entity names. The hot reads (one case, a page of cases) are plain
 * parameterised SQL: TypeORM's query building and hydration cost more CPU than the query itself
 * (docs/DECISIONS.md, "API hot paths").
 */
const CASE_COLUMNS = `id, beneficiary_id AS "beneficiaryId", counsellor_id AS "counsellorId", status,
  status_before_hold AS "statusBeforeHold", closed_reason AS "closedReason", opened_at AS "openedAt",
  placed_at AS "placedAt", closed_at AS "closedAt", last_activity_at AS "lastActivityAt",
  inactivity_flagged_at AS "inactivityFlaggedAt", version, created_at AS "createdAt", updated_at AS "updatedAt"`;

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    private readonly events: CaseEventsService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly users: UsersService,
  ) {}

  async open(dto: OpenCaseDto, actor: Actor): Promise<CaseEntity> {
    await this.beneficiaries.findVisibleOrFail(dto.beneficiaryId, actor);
    const counsellorId = await this.resolveCounsellor(dto.counsellorId, actor);
    const existing = await this.cases
      .createQueryBuilder('c')
      .where('c.beneficiaryId = :id', { id: dto.beneficiaryId })
      .andWhere(`c.status <> 'closed'`)
      .getOne();
    if (existing) throw this.alreadyOpen(existing.id);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const opened = await manager.save(
          manager.create(CaseEntity, {
            beneficiaryId: dto.beneficiaryId,
            counsellorId,
            openedAt: new Date(),
            lastActivityAt: new Date(),
          }),
        );
        await this.events.record(
          manager,
          opened.id,
          CaseEventType.CASE_OPENED,
          { beneficiaryId: dto.beneficiaryId },
          actor,
        );
        return opened;
      });
    } catch (error) {
      // Two concurrent opens: the partial unique index lets only one through.
      if (
        (error as { driverError?: { constraint?: string } }).driverError?.constraint ===
        'uq_cases_open_per_beneficiary'
      ) {
        throw this.alreadyOpen();
      }
      throw error;
    }
  }

  async list(query: ListCasesQueryDto, actor: Actor): Promise<Page<CaseEntity>> {
    const params: unknown[] = [];
    const conditions = [this.visibleTo(actor, params)];
    const filters: Array<[string, string | undefined]> = [
      ['status', query.status],
      ['counsellor_id', query.counsellorId],
      ['beneficiary_id', query.beneficiaryId],
    ];
    for (const [column, value] of filters) {
      if (value !== undefined) conditions.push(`${column} = $${params.push(value)}`);
    }
    const where = conditions.join(' AND ');
    const [items, [{ total }]] = await Promise.all([
      preparedQuery<CaseEntity>(
        this.dataSource,
        `SELECT ${CASE_COLUMNS} FROM cases WHERE ${where} ORDER BY opened_at DESC, id
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, query.offset],
      ),
      preparedQuery<{ total: number }>(
        this.dataSource,
        `SELECT count(*)::int AS total FROM cases WHERE ${where}`,
        params,
      ),
    ]);
    return toPage(items, total, query);
  }

  /** The case if the caller may see it; 404 otherwise, so its existence does not leak. */
  async findVisibleOrFail(id: string, actor: Actor, manager?: EntityManager): Promise<CaseEntity> {
    const params: unknown[] = [id];
    const sql = `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 AND ${this.visibleTo(actor, params)}`;
    const [found] = manager
      ? await manager.query<CaseEntity[]>(sql, params)
      : await preparedQuery<CaseEntity>(this.dataSource, sql, params);
    if (!found) throw new CaseException(CaseExceptionCode.NOT_FOUND, `Case ${id} not found`);
    return found;
  }

  async timeline(id: string, query: TimelineQueryDto, actor: Actor): Promise<Page<CaseEventEntity>> {
    await this.findVisibleOrFail(id, actor);
    return this.events.timeline(id, query);
  }

  /**
   * Manual moves are checked against the state machine now, for a clear 409, and then applied by the
   * engine like every other event: the API never writes a state itself.
   */
  async requestTransition(
    id: string,
    dto: TransitionCaseDto,
    actor: Actor,
  ): Promise<{ eventId: string; from: CaseState; to: CaseState }> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.findVisibleOrFail(id, actor, manager);
      const action = this.manualAction(dto, current);
      if (action === ManualAction.CLOSE && (!dto.reason || !CLOSE_REASONS.includes(dto.reason))) {
        throw new CaseException(
          CaseExceptionCode.CLOSE_REASON_REQUIRED,
          `Closing a case needs a reason: ${CLOSE_REASONS.join(', ')}`,
        );
      }
      const type = MANUAL_ACTION_EVENT[action];
      const payload = { reason: dto.reason };
      const move = nextMove(
        { state: current.status, stateBeforeHold: current.statusBeforeHold },
        { type, reason: dto.reason as ManualCloseReason },
      );
      if (!move) {
        throw new CaseException(
          CaseExceptionCode.INVALID_TRANSITION,
          `A case in ${current.status} cannot move to ${dto.to}`,
          {
            from: current.status,
            to: dto.to,
          },
        );
      }
      const event = await this.events.record(manager, id, type, payload, actor);
      return { eventId: event.id, from: current.status, to: move.to };
    });
  }

  async reassign(id: string, counsellorId: string, actor: Actor): Promise<CaseEntity> {
    await this.users.assertCounsellor(counsellorId);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.findVisibleOrFail(id, actor, manager);
      if (current.counsellorId === counsellorId) return current;
      await this.events.record(
        manager,
        id,
        CaseEventType.CASE_REASSIGNED,
        { from: current.counsellorId, to: counsellorId },
        actor,
      );
      await manager.update(CaseEntity, { id }, { counsellorId });
      return { ...current, counsellorId };
    });
  }

  /**
   * The SQL condition on the `cases` table for what the actor may see (its parameter appended to
   * `params`): counsellors see the cases assigned to them; admins and coordinators see all; companies none.
   */
  visibleTo(actor: Actor, params: unknown[]): string {
    if (seesEverything(actor)) return 'true';
    if (actor.role === Role.COUNSELLOR) return `cases.counsellor_id = $${params.push(actor.id)}`;
    return 'false';
  }

  private manualAction(dto: TransitionCaseDto, current: CaseEntity): ManualAction {
    switch (dto.to) {
      case CaseState.ON_HOLD:
        return ManualAction.ON_HOLD;
      case CaseState.CLOSED:
      case 'close':
        return ManualAction.CLOSE;
      case 'resume':
        return ManualAction.RESUME;
      default:
        if (current.status === CaseState.ON_HOLD && current.statusBeforeHold === dto.to)
          return ManualAction.RESUME;
        throw new CaseException(
          CaseExceptionCode.INVALID_TRANSITION,
          `${dto.to} is reached through the workflow, not by a manual move (allowed: on_hold, resume, closed)`,
          { from: current.status, to: dto.to },
        );
    }
  }

  private async resolveCounsellor(requested: string | undefined, actor: Actor): Promise<string> {
    if (actor.role === Role.COUNSELLOR) {
      if (requested && requested !== actor.id) {
        throw new CaseException(
          CaseExceptionCode.COUNSELLOR_NOT_ALLOWED,
          'A counsellor opens cases for themself; a coordinator reassigns them',
        );
      }
      return actor.id;
    }
    if (!requested)
      throw new CaseException(CaseExceptionCode.COUNSELLOR_REQUIRED, 'counsellorId is required');
    await this.users.assertCounsellor(requested);
    return requested;
  }

  private alreadyOpen(caseId?: string): CaseException {
    return new CaseException(
      CaseExceptionCode.ALREADY_OPEN,
      'This person already has an open case',
      caseId ? { caseId } : undefined,
    );
  }
}
