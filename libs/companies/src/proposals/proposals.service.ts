import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  type DataSource,
  type EntityManager,
  QueryFailedError,
  Repository,
  type SelectQueryBuilder,
} from 'typeorm';
import { AuditAction, AuditService } from '#app/audit';
import { BENEFICIARY_ENTITY_TYPE } from '#app/beneficiaries';
import { CaseEventsService, CaseEventType, CasesService, CaseState } from '#app/cases';
import { type Actor, type Page, Role, toPage, programmeToday } from '#app/core';
import { PlacementSource, PlacementsService } from '#app/placements';
import { OpeningStatus } from '../openings/opening.constant.js';
import type { OpeningEntity } from '../openings/opening.entity.js';
import { OpeningsService } from '../openings/openings.service.js';
import type { CandidateRow } from './candidate-view.js';
import { canMoveProposal, ProposalStatus } from './proposal.constant.js';
import { ProposalEntity } from './proposal.entity.js';
import { ProposalException, ProposalExceptionCode } from './proposal.exception.js';
import type { CreateProposalDto } from './dto/create-proposal.dto.js';
import type { ListProposalsQueryDto } from './dto/list-proposals.query.js';
import type { UpdateProposalDto } from './dto/update-proposal.dto.js';

const ONE_PER_CASE_AND_OPENING = 'uq_proposals_opening_case';

/**
 * Only the columns of the candidate view (plus the person's id, for the audit log), so the rest of
 * the personal record is never even read on the company's path.
 */
const CANDIDATE_COLUMNS = `
  p.id AS "proposalId", p.status, p.note, p.feedback,
  b.id AS "beneficiaryId", b.first_name AS "firstName", b.last_name AS "lastName",
  b.education_level AS "educationLevel", b.skills, b.languages, c.status AS "caseStatus"`;

function notFound(id: string): ProposalException {
  return new ProposalException(ProposalExceptionCode.NOT_FOUND, `Proposal ${id} not found`);
}

function duplicate(): ProposalException {
  return new ProposalException(
    ProposalExceptionCode.DUPLICATE,
    'This case was already proposed to this opening',
  );
}

function isDuplicate(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string } | undefined)?.constraint === ONE_PER_CASE_AND_OPENING
  );
}

/** Open, and its closing day not yet past: an opening that still takes candidates. */
function assertTakesCandidates(opening: OpeningEntity): void {
  if (opening.status !== OpeningStatus.OPEN || opening.closesOn < programmeToday()) {
    throw new ProposalException(
      ProposalExceptionCode.OPENING_NOT_OPEN,
      opening.status === OpeningStatus.OPEN
        ? `The opening closed on ${opening.closesOn}`
        : `The opening is ${opening.status}`,
      { status: opening.status, closesOn: opening.closesOn },
    );
  }
}

/** Checks on the body alone, before anything is read. */
function assertUpdateShape(dto: UpdateProposalDto): void {
  if (dto.status === undefined && dto.feedback === undefined) {
    throw new ProposalException(ProposalExceptionCode.NOTHING_TO_CHANGE, 'Give a status, a feedback or both');
  }
  if (dto.status === ProposalStatus.HIRED && !dto.placement) {
    throw new ProposalException(
      ProposalExceptionCode.PLACEMENT_REQUIRED,
      'A hire needs its contract: placement {contractType, startsOn, hoursPerWeek}',
      [{ field: 'placement', problems: ['is required when status is hired'] }],
    );
  }
  if (dto.placement && dto.status !== ProposalStatus.HIRED) {
    throw new ProposalException(
      ProposalExceptionCode.PLACEMENT_UNEXPECTED,
      'A placement is recorded only with status hired',
      [{ field: 'placement', problems: ['is allowed only when status is hired'] }],
    );
  }
}

@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ProposalEntity) private readonly proposals: Repository<ProposalEntity>,
    private readonly openings: OpeningsService,
    private readonly cases: CasesService,
    private readonly events: CaseEventsService,
    private readonly placements: PlacementsService,
    private readonly audit: AuditService,
  ) {}

  /** Stores the proposal and its `proposal.created` event together (the engine moves the case). */
  async create(openingId: string, dto: CreateProposalDto, actor: Actor): Promise<ProposalEntity> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const proposed = await this.cases.findVisibleOrFail(dto.caseId, actor, manager);
        if (proposed.status === CaseState.CLOSED) {
          throw new ProposalException(ProposalExceptionCode.CASE_CLOSED, 'The case is closed');
        }
        // A shared lock: a concurrent close, edit or last hire of the opening waits for this proposal.
        const opening = await this.openings.findVisibleOrFail(openingId, actor, manager, 'pessimistic_read');
        assertTakesCandidates(opening);
        if (await manager.existsBy(ProposalEntity, { openingId, caseId: dto.caseId })) throw duplicate();
        const { identifiers } = await manager.insert(ProposalEntity, {
          openingId,
          caseId: dto.caseId,
          note: dto.note,
          proposedById: actor.id,
        });
        const id = identifiers[0].id as string;
        await this.events.record(
          manager,
          dto.caseId,
          CaseEventType.PROPOSAL_CREATED,
          { proposalId: id, openingId },
          actor,
        );
        return manager.findOneByOrFail(ProposalEntity, { id });
      });
    } catch (error) {
      // Two concurrent proposals of one case: the unique constraint lets one through.
      if (isDuplicate(error)) throw duplicate();
      throw error;
    }
  }

  /** Staff's list: all proposals of the opening, or for a counsellor those of their cases. */
  async listForStaff(
    openingId: string,
    query: ListProposalsQueryDto,
    actor: Actor,
  ): Promise<Page<ProposalEntity>> {
    await this.openings.findVisibleOrFail(openingId, actor);
    const qb = this.scoped(this.proposals.createQueryBuilder('p'), actor).andWhere(
      'p.openingId = :openingId',
      {
        openingId,
      },
    );
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    const [items, total] = await qb
      .orderBy('p.createdAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return toPage(items, total, query);
  }

  /** The company's list: its own opening's proposals, as candidate-view rows; each read is audited. */
  async listCandidates(
    openingId: string,
    query: ListProposalsQueryDto,
    actor: Actor,
    requestId?: string,
  ): Promise<Page<CandidateRow>> {
    await this.openings.findVisibleOrFail(openingId, actor);
    const filters = ['p.opening_id = $1'];
    const params: unknown[] = [openingId];
    if (query.status) {
      params.push(query.status);
      filters.push(`p.status = $${params.length}`);
    }
    const where = filters.join(' AND ');
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<CandidateRow[]>(
        `SELECT ${CANDIDATE_COLUMNS}
           FROM proposals p
           JOIN cases c ON c.id = p.case_id
           JOIN beneficiaries b ON b.id = c.beneficiary_id
          WHERE ${where}
          ORDER BY p.created_at, p.id
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, query.offset],
      ),
      this.dataSource.query<{ total: string }[]>(
        `SELECT count(*) AS total FROM proposals p WHERE ${where}`,
        params,
      ),
    ]);
    await this.auditCandidateReads(rows, actor, requestId);
    return toPage(rows, Number(total), query);
  }

  /** One proposal as a candidate-view row, for a company user that may see it; audited. */
  async candidate(id: string, actor: Actor, requestId?: string): Promise<CandidateRow> {
    await this.findVisibleOrFail(id, actor);
    const [row] = await this.dataSource.query<CandidateRow[]>(
      `SELECT ${CANDIDATE_COLUMNS}
         FROM proposals p
         JOIN cases c ON c.id = p.case_id
         JOIN beneficiaries b ON b.id = c.beneficiary_id
        WHERE p.id = $1`,
      [id],
    );
    await this.auditCandidateReads([row], actor, requestId);
    return row;
  }

  /** Admins and coordinators: any; counsellors: their cases'; companies: their openings'. Else 404. */
  async findVisibleOrFail(
    id: string,
    actor: Actor,
    manager?: EntityManager,
    lock = false,
  ): Promise<ProposalEntity> {
    const qb = this.scoped(
      (manager ?? this.proposals.manager).createQueryBuilder(ProposalEntity, 'p'),
      actor,
    ).andWhere('p.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const found = await qb.getOne();
    if (!found) throw notFound(id);
    return found;
  }

  /**
   * Interview, reject or hire. A hire takes a position of the opening and records the placement in
   * the same transaction as the status, with the proposal and opening rows locked, so a proposal is
   * hired once and an opening never takes more hires than positions.
   */
  async update(id: string, dto: UpdateProposalDto, actor: Actor): Promise<ProposalEntity> {
    assertUpdateShape(dto);
    return this.dataSource.transaction(async (manager) => {
      const proposal = await this.findVisibleOrFail(id, actor, manager, true);
      if (dto.status !== undefined && !canMoveProposal(proposal.status, dto.status)) {
        throw new ProposalException(
          ProposalExceptionCode.INVALID_TRANSITION,
          `A proposal that is ${proposal.status} cannot become ${dto.status}`,
          { from: proposal.status, to: dto.status },
        );
      }
      const changes: Partial<ProposalEntity> = {};
      if (dto.feedback !== undefined) changes.feedback = dto.feedback;
      if (dto.status !== undefined) changes.status = dto.status;
      if (dto.status === ProposalStatus.HIRED && dto.placement) {
        const opening = await this.openings.takePosition(manager, proposal.openingId);
        const placement = await this.placements.recordInTransaction(
          manager,
          proposal.caseId,
          {
            companyId: opening.companyId,
            openingId: opening.id,
            contractType: dto.placement.contractType,
            startsOn: dto.placement.startsOn,
            hoursPerWeek: dto.placement.hoursPerWeek,
            source: PlacementSource.PROPOSAL,
            sourceId: proposal.id,
          },
          actor,
        );
        changes.placementId = placement.id;
      }
      await manager.update(ProposalEntity, { id }, changes);
      return manager.findOneByOrFail(ProposalEntity, { id });
    });
  }

  private scoped(qb: SelectQueryBuilder<ProposalEntity>, actor: Actor): SelectQueryBuilder<ProposalEntity> {
    switch (actor.role) {
      case Role.ADMIN:
      case Role.COORDINATOR:
        return qb.where('1 = 1');
      case Role.COUNSELLOR:
        return qb.where(
          'EXISTS (SELECT 1 FROM cases vc WHERE vc.id = p.case_id AND vc.counsellor_id = :actorId)',
          { actorId: actor.id },
        );
      case Role.COMPANY:
        return qb.where(
          'EXISTS (SELECT 1 FROM openings vo WHERE vo.id = p.opening_id AND vo.company_id = :companyId)',
          { companyId: actor.companyId },
        );
    }
  }

  private async auditCandidateReads(rows: CandidateRow[], actor: Actor, requestId?: string): Promise<void> {
    await this.audit.recordMany(
      rows.map((row) => ({
        actor,
        action: AuditAction.READ,
        entityType: BENEFICIARY_ENTITY_TYPE,
        entityId: row.beneficiaryId,
        beneficiaryId: row.beneficiaryId,
        details: { via: 'candidate_view', proposalId: row.proposalId },
        requestId,
      })),
    );
  }
}
