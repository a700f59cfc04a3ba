import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  type DataSource,
  type EntityManager,
  LessThanOrEqual,
  MoreThanOrEqual,
  type Repository,
} from 'typeorm';
import { CaseEventsService, CaseEventType, CasesService, CaseState } from '#app/cases';
import { type Actor, eurosToCents, type Page, type PaginationQueryDto, toPage } from '#app/core';
import { INTERNSHIP_RULES, InternshipStatus } from './internship.constant.js';
import { InternshipEntity } from './internship.entity.js';
import { InternshipException, InternshipExceptionCode } from './internship.exception.js';
import {
  checkHostQuota,
  checkTerms,
  type InternshipPerson,
  type InternshipRulesConfig,
} from './rules/internship-rules.js';
import type { CreateInternshipDto } from './dto/create-internship.dto.js';
import type { UpdateInternshipDto } from './dto/update-internship.dto.js';

@Injectable()
export class InternshipsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(InternshipEntity) private readonly internships: Repository<InternshipEntity>,
    private readonly cases: CasesService,
    private readonly events: CaseEventsService,
    @Inject(INTERNSHIP_RULES) private readonly rules: InternshipRulesConfig,
  ) {}

  /**
   * Starts an internship under the regional rules. The company row is locked before its interns are
   * counted, so concurrent requests for one host queue up and each sees the interns the previous ones
   * added: the quota holds under concurrency.
   */
  async start(caseId: string, dto: CreateInternshipDto, actor: Actor): Promise<InternshipEntity> {
    const monthlyAllowanceCents = eurosToCents(dto.monthlyAllowance);
    return this.dataSource.transaction(async (manager) => {
      const found = await this.cases.findVisibleOrFail(caseId, actor, manager);
      if (found.status === CaseState.CLOSED) {
        throw new InternshipException(InternshipExceptionCode.CASE_CLOSED, 'The case is closed');
      }
      const person = await this.personOf(manager, found.beneficiaryId);
      const refusal = checkTerms(
        { startsOn: dto.startsOn, endsOn: dto.endsOn, monthlyAllowanceCents, person },
        this.rules,
      );
      if (refusal) throw InternshipException.refused(refusal);

      const employees = await this.lockCompany(manager, dto.companyId);
      if (dto.openingId) await this.assertOpeningOf(manager, dto.openingId, dto.companyId);
      const running = await manager.find(InternshipEntity, {
        select: { startsOn: true, endsOn: true },
        where: {
          companyId: dto.companyId,
          status: InternshipStatus.ACTIVE,
          startsOn: LessThanOrEqual(dto.endsOn),
          endsOn: MoreThanOrEqual(dto.startsOn),
        },
      });
      const overQuota = checkHostQuota(
        employees,
        running,
        { startsOn: dto.startsOn, endsOn: dto.endsOn },
        this.rules,
      );
      if (overQuota) throw InternshipException.refused(overQuota);

      const internship = await manager.save(
        manager.create(InternshipEntity, {
          caseId,
          companyId: dto.companyId,
          openingId: dto.openingId ?? null,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          monthlyAllowanceCents,
          tutorName: dto.tutorName,
          status: InternshipStatus.ACTIVE,
          createdById: actor.id,
        }),
      );
      await this.events.record(
        manager,
        caseId,
        CaseEventType.INTERNSHIP_STARTED,
        { internshipId: internship.id, companyId: dto.companyId },
        actor,
      );
      return internship;
    });
  }

  async listForCase(
    caseId: string,
    query: PaginationQueryDto,
    actor: Actor,
  ): Promise<Page<InternshipEntity>> {
    await this.cases.findVisibleOrFail(caseId, actor);
    const [items, total] = await this.internships.findAndCount({
      where: { caseId },
      order: { startsOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  async findVisibleOrFail(id: string, actor: Actor): Promise<InternshipEntity> {
    const internship = await this.internships.findOneBy({ id });
    const notFound = new InternshipException(InternshipExceptionCode.NOT_FOUND, `Internship ${id} not found`);
    if (!internship) throw notFound;
    try {
      await this.cases.findVisibleOrFail(internship.caseId, actor);
    } catch {
      throw notFound;
    }
    return internship;
  }

  /**
   * Ends an active internship. Allowed on a closed case too, so that the host's slot is given back.
   * An internship that led to a hire with its host leaves the case to the placement event.
   */
  async end(id: string, dto: UpdateInternshipDto, actor: Actor): Promise<InternshipEntity> {
    await this.findVisibleOrFail(id, actor);
    return this.dataSource.transaction(async (manager) => {
      const internship = await manager.findOneOrFail(InternshipEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (internship.status !== InternshipStatus.ACTIVE) {
        throw new InternshipException(
          InternshipExceptionCode.ALREADY_ENDED,
          `The internship already ended (${internship.status})`,
          { status: internship.status },
        );
      }
      internship.status = dto.status;
      internship.outcome = dto.outcome ?? null;
      internship.endedAt = new Date();
      const saved = await manager.save(internship);
      await this.events.record(
        manager,
        internship.caseId,
        CaseEventType.INTERNSHIP_ENDED,
        {
          internshipId: id,
          internshipStatus: dto.status,
          endedWithPlacement: await this.hasPlacementWithHost(manager, internship),
        },
        actor,
      );
      return saved;
    });
  }

  private async personOf(manager: EntityManager, beneficiaryId: string): Promise<InternshipPerson> {
    const [person] = await manager.query<InternshipPerson[]>(
      `SELECT disability, vulnerabilities, employment_status AS "employmentStatus"
         FROM beneficiaries WHERE id = $1`,
      [beneficiaryId],
    );
    return person;
  }

  /** Locks the host company and returns its head count. */
  private async lockCompany(manager: EntityManager, companyId: string): Promise<number> {
    const [company] = await manager.query<{ employees: number }[]>(
      'SELECT employees FROM companies WHERE id = $1 FOR UPDATE',
      [companyId],
    );
    if (!company) {
      throw new InternshipException(
        InternshipExceptionCode.COMPANY_NOT_FOUND,
        `Company ${companyId} not found`,
      );
    }
    return company.employees;
  }

  private async assertOpeningOf(manager: EntityManager, openingId: string, companyId: string): Promise<void> {
    const [opening] = await manager.query<{ companyId: string }[]>(
      'SELECT company_id AS "companyId" FROM openings WHERE id = $1',
      [openingId],
    );
    if (!opening) {
      throw new InternshipException(
        InternshipExceptionCode.OPENING_NOT_FOUND,
        `Opening ${openingId} not found`,
      );
    }
    if (opening.companyId !== companyId) {
      throw new InternshipException(
        InternshipExceptionCode.OPENING_OF_ANOTHER_COMPANY,
        'The opening belongs to another company than the host',
        { openingId, companyId },
      );
    }
  }

  /** A contract with the host that starts on or after the internship's first day came out of it. */
  private async hasPlacementWithHost(manager: EntityManager, internship: InternshipEntity): Promise<boolean> {
    const [row] = await manager.query<{ placed: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM placements WHERE case_id = $1 AND company_id = $2 AND starts_on >= $3
       ) AS placed`,
      [internship.caseId, internship.companyId, internship.startsOn],
    );
    return row.placed;
  }
}
