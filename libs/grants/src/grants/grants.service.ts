import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { type CaseEntity, CaseEventsService, CaseEventType, CasesService, CaseState } from '#app/cases';
import {
  type Actor,
  centsToEuros,
  eurosToCents,
  type Page,
  type PaginationQueryDto,
  toPage,
} from '#app/core';
import { ContractType, PlacementSource, PlacementsService } from '#app/placements';
import { remainingCents } from '../funding-lines/funding-line-budget.js';
import { FundingLinesService } from '../funding-lines/funding-lines.service.js';
import { DisbursementEntity } from './disbursement.entity.js';
import { GrantStatus } from './grant.constant.js';
import { GrantEntity } from './grant.entity.js';
import { GrantException, GrantExceptionCode } from './grant.exception.js';
import { ApprovalProblem, approvalProblem, DisbursementProblem, disbursementProblem } from './grant-rules.js';
import type { ApproveGrantDto } from './dto/approve-grant.dto.js';
import type { BusinessStartedDto } from './dto/business-started.dto.js';
import type { CreateDisbursementDto } from './dto/create-disbursement.dto.js';
import type { CreateGrantDto } from './dto/create-grant.dto.js';
import type { RejectGrantDto } from './dto/reject-grant.dto.js';

/**
 * Grants move draft -> submitted -> approved | rejected; payments are a ledger beside an approved grant.
 * Every write that touches money locks the funding line first and the grant second (and the case last,
 * through the event or the placement), one order everywhere so concurrent requests queue instead of
 * deadlocking, and each check reads totals no other transaction can change until commit.
 */
@Injectable()
export class GrantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(GrantEntity) private readonly grants: Repository<GrantEntity>,
    @InjectRepository(DisbursementEntity) private readonly disbursements: Repository<DisbursementEntity>,
    private readonly fundingLines: FundingLinesService,
    private readonly cases: CasesService,
    private readonly events: CaseEventsService,
    private readonly placements: PlacementsService,
  ) {}

  async create(caseId: string, dto: CreateGrantDto, actor: Actor): Promise<GrantEntity> {
    this.assertOpen(await this.cases.findVisibleOrFail(caseId, actor));
    await this.fundingLines.findOrFail(dto.fundingLineId);
    return this.grants.save(
      this.grants.create({
        caseId,
        fundingLineId: dto.fundingLineId,
        businessName: dto.businessName,
        atecoCode: dto.atecoCode,
        planSummary: dto.planSummary,
        requestedCents: eurosToCents(dto.requestedAmount),
        createdById: actor.id,
      }),
    );
  }

  async listForCase(caseId: string, query: PaginationQueryDto, actor: Actor): Promise<Page<GrantEntity>> {
    await this.cases.findVisibleOrFail(caseId, actor);
    const [items, total] = await this.grants.findAndCount({
      where: { caseId },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  /** The grant if the caller may see its case; 404 otherwise, so its existence does not leak. */
  async findVisibleOrFail(id: string, actor: Actor): Promise<GrantEntity> {
    const grant = await this.grants.findOneBy({ id });
    if (!grant) throw this.notFound(id);
    try {
      await this.cases.findVisibleOrFail(grant.caseId, actor);
    } catch {
      throw this.notFound(id);
    }
    return grant;
  }

  /** Submitting writes `grant.submitted`, on which the engine moves the case to self_employment. */
  async submit(id: string, actor: Actor): Promise<GrantEntity> {
    await this.findVisibleOrFail(id, actor);
    return this.dataSource.transaction(async (manager) => {
      const grant = await this.lockGrant(manager, id);
      this.assertStatus(grant, GrantStatus.DRAFT, 'submitted');
      this.assertOpen(await this.cases.findVisibleOrFail(grant.caseId, actor, manager));
      grant.status = GrantStatus.SUBMITTED;
      grant.submittedAt = new Date();
      const saved = await manager.save(grant);
      await this.events.record(manager, grant.caseId, CaseEventType.GRANT_SUBMITTED, { grantId: id }, actor);
      return saved;
    });
  }

  /** Approval commits the approved amount against the funding line, so the line can never promise more than it holds. */
  async approve(id: string, dto: ApproveGrantDto, actor: Actor): Promise<GrantEntity> {
    const visible = await this.findVisibleOrFail(id, actor);
    const approvedCents = eurosToCents(dto.approvedAmount);
    return this.dataSource.transaction(async (manager) => {
      const line = await this.fundingLines.lockInTransaction(manager, visible.fundingLineId);
      const grant = await this.lockGrant(manager, id);
      switch (approvalProblem(grant, line, approvedCents)) {
        case ApprovalProblem.NOT_SUBMITTED:
          throw this.wrongStatus(grant, 'approved');
        case ApprovalProblem.OVER_REQUESTED:
          throw new GrantException(
            GrantExceptionCode.APPROVED_OVER_REQUESTED,
            'approvedAmount cannot exceed the requested amount',
            { requestedAmount: centsToEuros(grant.requestedCents), approvedAmount: dto.approvedAmount },
          );
        case ApprovalProblem.OVER_BUDGET:
          throw this.budgetExceeded(remainingCents(line), dto.approvedAmount);
        case null:
          break;
      }
      this.assertOpen(await this.cases.findVisibleOrFail(grant.caseId, actor, manager));
      await this.fundingLines.commitInTransaction(manager, line, approvedCents);
      grant.status = GrantStatus.APPROVED;
      grant.approvedCents = approvedCents;
      grant.decidedAt = new Date();
      grant.decidedById = actor.id;
      return manager.save(grant);
    });
  }

  async reject(id: string, dto: RejectGrantDto, actor: Actor): Promise<GrantEntity> {
    await this.findVisibleOrFail(id, actor);
    return this.dataSource.transaction(async (manager) => {
      const grant = await this.lockGrant(manager, id);
      this.assertStatus(grant, GrantStatus.SUBMITTED, 'rejected');
      grant.status = GrantStatus.REJECTED;
      grant.rejectionReason = dto.reason;
      grant.decidedAt = new Date();
      grant.decidedById = actor.id;
      return manager.save(grant);
    });
  }

  /**
   * Pays a tranche. Allowed on a closed case: the money was committed when the grant was approved, and
   * the programme still owes it.
   */
  async disburse(id: string, dto: CreateDisbursementDto, actor: Actor): Promise<DisbursementEntity> {
    const visible = await this.findVisibleOrFail(id, actor);
    const amountCents = eurosToCents(dto.amount);
    return this.dataSource.transaction(async (manager) => {
      const line = await this.fundingLines.lockInTransaction(manager, visible.fundingLineId);
      const grant = await this.lockGrant(manager, id);
      switch (disbursementProblem(grant, line, amountCents)) {
        case DisbursementProblem.NOT_APPROVED:
          throw new GrantException(
            GrantExceptionCode.INVALID_STATUS,
            `Only an approved grant is paid; this one is ${grant.status}`,
            { status: grant.status },
          );
        case DisbursementProblem.OVER_APPROVED:
          throw new GrantException(
            GrantExceptionCode.DISBURSED_OVER_APPROVED,
            'The payments would exceed the approved amount of the grant',
            {
              approvedAmount: centsToEuros(grant.approvedCents ?? 0),
              disbursedAmount: centsToEuros(grant.disbursedCents),
              amount: dto.amount,
            },
          );
        case DisbursementProblem.OVER_BUDGET:
          throw this.budgetExceeded(line.programmedCents - line.disbursedCents, dto.amount);
        case null:
          break;
      }
      const firstDisbursementOfGrant = grant.disbursedCents === 0;
      const disbursement = await manager.save(
        manager.create(DisbursementEntity, {
          grantId: id,
          amountCents,
          paidOn: dto.paidOn,
          recordedById: actor.id,
        }),
      );
      await manager.update(GrantEntity, { id }, { disbursedCents: grant.disbursedCents + amountCents });
      await this.fundingLines.disburseInTransaction(manager, line, amountCents);
      await this.events.record(
        manager,
        grant.caseId,
        CaseEventType.GRANT_DISBURSED,
        { grantId: id, disbursementId: disbursement.id, amountCents, firstDisbursementOfGrant },
        actor,
      );
      return disbursement;
    });
  }

  async listDisbursements(
    id: string,
    query: PaginationQueryDto,
    actor: Actor,
  ): Promise<Page<DisbursementEntity>> {
    await this.findVisibleOrFail(id, actor);
    const [items, total] = await this.disbursements.findAndCount({
      where: { grantId: id },
      order: { paidOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  /** The business opening is the person's placement: recorded in the same transaction as the grant's update. */
  async businessStarted(id: string, dto: BusinessStartedDto, actor: Actor): Promise<GrantEntity> {
    await this.findVisibleOrFail(id, actor);
    return this.dataSource.transaction(async (manager) => {
      const grant = await this.lockGrant(manager, id);
      if (grant.placementId) {
        throw new GrantException(
          GrantExceptionCode.BUSINESS_ALREADY_STARTED,
          'The business of this grant was already recorded as started',
          { placementId: grant.placementId },
        );
      }
      this.assertStatus(grant, GrantStatus.APPROVED, 'recorded as started');
      const placement = await this.placements.recordInTransaction(
        manager,
        grant.caseId,
        {
          companyId: null,
          contractType: ContractType.SELF_EMPLOYMENT,
          startsOn: dto.startedOn,
          source: PlacementSource.GRANT,
          sourceId: grant.id,
        },
        actor,
      );
      grant.placementId = placement.id;
      grant.vatNumber = dto.vatNumber;
      grant.businessStartedOn = dto.startedOn;
      return manager.save(grant);
    });
  }

  private async lockGrant(manager: EntityManager, id: string): Promise<GrantEntity> {
    const grant = await manager.findOne(GrantEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!grant) throw this.notFound(id);
    return grant;
  }

  private assertOpen(found: CaseEntity): void {
    if (found.status === CaseState.CLOSED) {
      throw new GrantException(GrantExceptionCode.CASE_CLOSED, 'The case is closed');
    }
  }

  private assertStatus(grant: GrantEntity, expected: GrantStatus, action: string): void {
    if (grant.status !== expected) throw this.wrongStatus(grant, action);
  }

  private wrongStatus(grant: GrantEntity, action: string): GrantException {
    return new GrantException(
      GrantExceptionCode.INVALID_STATUS,
      `A grant in ${grant.status} cannot be ${action}`,
      { status: grant.status },
    );
  }

  private budgetExceeded(availableCents: number, amount: number): GrantException {
    return new GrantException(
      GrantExceptionCode.BUDGET_EXCEEDED,
      'The funding line cannot cover this amount',
      {
        availableAmount: centsToEuros(availableCents),
        amount,
      },
    );
  }

  private notFound(id: string): GrantException {
    return new GrantException(GrantExceptionCode.NOT_FOUND, `Grant ${id} not found`);
  }
}
