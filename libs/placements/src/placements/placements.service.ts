import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { CaseEventsService, CaseEventType, CasesService, CaseState, isActive } from '#app/cases';
import { type Actor, isIsoDate, type Page, type PaginationQueryDto, toPage } from '#app/core';
import { FollowUpsService } from '../follow-ups/follow-ups.service.js';
import { ContractType, PlacementKind, PlacementSource } from './placement.constant.js';
import { PlacementEntity } from './placement.entity.js';
import { PlacementException, PlacementExceptionCode } from './placement.exception.js';
import { isValidHoursPerWeek } from './placement-rules.js';
import type { CreatePlacementDto } from './dto/create-placement.dto.js';

export interface RecordPlacementInput {
  /** Null only for self_employment. */
  companyId: string | null;
  openingId?: string | null;
  contractType: ContractType;
  /** Default new. */
  kind?: PlacementKind;
  extendsPlacementId?: string | null;
  /** YYYY-MM-DD */
  startsOn: string;
  hoursPerWeek?: number | null;
  source: PlacementSource;
  /** The proposal id or grant id. */
  sourceId?: string | null;
}

interface LockedCase {
  id: string;
  beneficiary_id: string;
  status: CaseState;
}

@Injectable()
export class PlacementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(PlacementEntity) private readonly placements: Repository<PlacementEntity>,
    private readonly cases: CasesService,
    private readonly events: CaseEventsService,
    private readonly followUps: FollowUpsService,
  ) {}

  async create(caseId: string, dto: CreatePlacementDto, actor: Actor): Promise<PlacementEntity> {
    return this.dataSource.transaction(async (manager) => {
      await this.cases.findVisibleOrFail(caseId, actor, manager);
      return this.recordInTransaction(
        manager,
        caseId,
        { ...dto, source: PlacementSource.DIRECT, sourceId: null },
        actor,
      );
    });
  }

  /**
   * Records a contract inside the caller's transaction: validates it against the case, inserts it,
   * schedules the follow-ups of a new placement and writes `placement.recorded`. The engine then moves
   * the case to placed and counts the contract (and the person, once). The caller checks visibility.
   */
  async recordInTransaction(
    manager: EntityManager,
    caseId: string,
    input: RecordPlacementInput,
    actor: Actor,
  ): Promise<PlacementEntity> {
    // Locked before any check so that two concurrent placements of one case see each other.
    const [locked] = await manager.query<LockedCase[]>(
      'SELECT id, beneficiary_id, status FROM cases WHERE id = $1 FOR UPDATE',
      [caseId],
    );
    if (!locked) {
      throw new PlacementException(PlacementExceptionCode.CASE_NOT_FOUND, `Case ${caseId} not found`);
    }
    const kind = input.kind ?? PlacementKind.NEW;
    this.checkShape(input, kind);
    if (locked.status === CaseState.CLOSED) {
      throw new PlacementException(PlacementExceptionCode.CASE_CLOSED, 'The case is closed');
    }
    if (kind === PlacementKind.NEW) {
      await this.checkFirstPlacement(manager, locked);
    } else {
      await this.checkExtended(manager, caseId, input, kind);
    }
    await this.checkEmployer(manager, input);
    await this.checkSourceUnused(manager, input);

    const placement = await this.insert(
      manager,
      manager.create(PlacementEntity, {
        caseId,
        beneficiaryId: locked.beneficiary_id,
        companyId: input.companyId ?? null,
        openingId: input.openingId ?? null,
        contractType: input.contractType,
        kind,
        extendsPlacementId: input.extendsPlacementId ?? null,
        startsOn: input.startsOn,
        hoursPerWeek: input.hoursPerWeek ?? null,
        source: input.source,
        sourceId: input.sourceId ?? null,
        createdById: actor.id,
      }),
    );
    if (kind === PlacementKind.NEW) await this.followUps.scheduleInTransaction(manager, placement);
    await this.events.record(
      manager,
      caseId,
      CaseEventType.PLACEMENT_RECORDED,
      {
        placementId: placement.id,
        kind,
        contractType: placement.contractType,
        companyId: placement.companyId,
      },
      actor,
    );
    return placement;
  }

  /** A case's contracts, oldest first. */
  async listForCase(caseId: string, query: PaginationQueryDto, actor: Actor): Promise<Page<PlacementEntity>> {
    await this.cases.findVisibleOrFail(caseId, actor);
    const [items, total] = await this.placements.findAndCount({
      where: { caseId },
      order: { startsOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  async findVisibleOrFail(id: string, actor: Actor): Promise<PlacementEntity> {
    const placement = await this.placements.findOneBy({ id });
    const notFound = new PlacementException(PlacementExceptionCode.NOT_FOUND, `Placement ${id} not found`);
    if (!placement) throw notFound;
    try {
      await this.cases.findVisibleOrFail(placement.caseId, actor);
    } catch {
      throw notFound;
    }
    return placement;
  }

  /** Rules on the input alone; the DTO enforces them for HTTP, these hold for every other caller too. */
  private checkShape(input: RecordPlacementInput, kind: PlacementKind): void {
    if (!isIsoDate(input.startsOn)) {
      throw new PlacementException(
        PlacementExceptionCode.INVALID_START,
        'startsOn must be a date YYYY-MM-DD',
      );
    }
    if (input.hoursPerWeek !== undefined && input.hoursPerWeek !== null) {
      if (!isValidHoursPerWeek(input.hoursPerWeek)) {
        throw new PlacementException(
          PlacementExceptionCode.INVALID_HOURS,
          'hoursPerWeek must be above 0 and at most 60, with at most one decimal',
        );
      }
    }
    if (!input.companyId && input.contractType !== ContractType.SELF_EMPLOYMENT) {
      throw new PlacementException(PlacementExceptionCode.COMPANY_REQUIRED, 'companyId is required');
    }
    if (kind === PlacementKind.NEW && input.extendsPlacementId) {
      throw new PlacementException(
        PlacementExceptionCode.EXTENDS_NOT_ALLOWED,
        'extendsPlacementId is only for an extension or a conversion',
      );
    }
    if (kind !== PlacementKind.NEW && !input.extendsPlacementId) {
      throw new PlacementException(
        PlacementExceptionCode.EXTENDS_REQUIRED,
        `An ${kind} needs extendsPlacementId: the contract it extends or converts`,
      );
    }
  }

  private async checkFirstPlacement(manager: EntityManager, locked: LockedCase): Promise<void> {
    const existing = await manager.findOne(PlacementEntity, {
      where: { caseId: locked.id, kind: PlacementKind.NEW },
      select: { id: true },
    });
    if (existing) {
      throw new PlacementException(
        PlacementExceptionCode.ALREADY_PLACED,
        'This case already has a placement; record a further contract as an extension or a conversion',
        { placementId: existing.id },
      );
    }
    if (!isActive(locked.status)) {
      throw new PlacementException(
        PlacementExceptionCode.CASE_NOT_ACTIVE,
        `A case in ${locked.status} cannot be placed`,
        { status: locked.status },
      );
    }
  }

  private async checkExtended(
    manager: EntityManager,
    caseId: string,
    input: RecordPlacementInput,
    kind: PlacementKind,
  ): Promise<void> {
    const extended = await manager.findOneBy(PlacementEntity, {
      id: input.extendsPlacementId!,
      caseId,
    });
    if (!extended) {
      throw new PlacementException(
        PlacementExceptionCode.EXTENDED_NOT_FOUND,
        `Placement ${input.extendsPlacementId} not found on this case`,
      );
    }
    if (kind === PlacementKind.EXTENSION && extended.companyId !== (input.companyId ?? null)) {
      throw new PlacementException(
        PlacementExceptionCode.EXTENSION_COMPANY_MISMATCH,
        'An extension continues a contract with the same company',
      );
    }
    if (input.startsOn < extended.startsOn) {
      throw new PlacementException(
        PlacementExceptionCode.STARTS_BEFORE_EXTENDED,
        `startsOn must not be before the start of the contract it ${kind === PlacementKind.EXTENSION ? 'extends' : 'converts'} (${extended.startsOn})`,
      );
    }
  }

  private async checkSourceUnused(manager: EntityManager, input: RecordPlacementInput): Promise<void> {
    if (!input.sourceId) return;
    const existing = await manager.findOne(PlacementEntity, {
      where: { source: input.source, sourceId: input.sourceId },
      select: { id: true },
    });
    if (existing) {
      throw new PlacementException(
        PlacementExceptionCode.DUPLICATE_SOURCE,
        `A placement was already recorded from this ${input.source}`,
        { placementId: existing.id },
      );
    }
  }

  /** Companies and openings belong to the companies lib, which depends on this one: read them in SQL. */
  private async checkEmployer(manager: EntityManager, input: RecordPlacementInput): Promise<void> {
    if (input.companyId) {
      const company = await manager.query<unknown[]>('SELECT 1 FROM companies WHERE id = $1', [
        input.companyId,
      ]);
      if (!company.length) {
        throw new PlacementException(
          PlacementExceptionCode.COMPANY_NOT_FOUND,
          `Company ${input.companyId} not found`,
        );
      }
    }
    if (input.openingId) {
      const [opening] = await manager.query<Array<{ company_id: string }>>(
        'SELECT company_id FROM openings WHERE id = $1',
        [input.openingId],
      );
      if (!opening) {
        throw new PlacementException(
          PlacementExceptionCode.OPENING_NOT_FOUND,
          `Opening ${input.openingId} not found`,
        );
      }
      if (opening.company_id !== input.companyId) {
        throw new PlacementException(
          PlacementExceptionCode.OPENING_COMPANY_MISMATCH,
          'The opening belongs to another company',
        );
      }
    }
  }

  private async insert(manager: EntityManager, placement: PlacementEntity): Promise<PlacementEntity> {
    try {
      return await manager.save(placement);
    } catch (error) {
      switch ((error as { driverError?: { constraint?: string } }).driverError?.constraint) {
        case 'uq_placements_new_per_case':
          throw new PlacementException(
            PlacementExceptionCode.ALREADY_PLACED,
            'This case already has a placement',
          );
        case 'uq_placements_source':
          throw new PlacementException(
            PlacementExceptionCode.DUPLICATE_SOURCE,
            `A placement was already recorded from this ${placement.source}`,
          );
        default:
          throw error;
      }
    }
  }
}
