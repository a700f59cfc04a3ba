import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type Actor, type Page, Role, toPage } from '#app/core';
import { CompaniesService } from '../companies/companies.service.js';
import { definedFields } from '../defined-fields.util.js';
import { normaliseSkills, OpeningStatus } from './opening.constant.js';
import { OpeningEntity } from './opening.entity.js';
import { OpeningException, OpeningExceptionCode } from './opening.exception.js';
import type { CreateOpeningDto } from './dto/create-opening.dto.js';
import type { ListOpeningsQueryDto } from './dto/list-openings.query.js';
import type { UpdateOpeningDto } from './dto/update-opening.dto.js';

function notFound(id: string): OpeningException {
  return new OpeningException(OpeningExceptionCode.NOT_FOUND, `Opening ${id} not found`);
}

@Injectable()
export class OpeningsService {
  constructor(
    @InjectRepository(OpeningEntity) private readonly openings: Repository<OpeningEntity>,
    private readonly companies: CompaniesService,
  ) {}

  async create(companyId: string, dto: CreateOpeningDto, actor: Actor): Promise<OpeningEntity> {
    await this.companies.findVisibleOrFail(companyId, actor);
    const { identifiers } = await this.openings.insert(
      this.openings.create({
        ...dto,
        skills: normaliseSkills(dto.skills ?? []),
        companyId,
        createdById: actor.id,
      }),
    );
    return this.openings.findOneByOrFail({ id: identifiers[0].id as string });
  }

  /** Staff see every opening; a company user only its own, whatever companyId it asks for. */
  async list(query: ListOpeningsQueryDto, actor: Actor): Promise<Page<OpeningEntity>> {
    const qb = this.openings.createQueryBuilder('o');
    if (actor.role === Role.COMPANY) qb.andWhere('o.companyId = :ownId', { ownId: actor.companyId });
    if (query.companyId) qb.andWhere('o.companyId = :companyId', { companyId: query.companyId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.skill) {
      // Array containment (@>), not = ANY(...), so that the GIN index idx_openings_skills serves it.
      qb.andWhere('o.skills @> ARRAY[:skill]::text[]', { skill: query.skill.trim().toLowerCase() });
    }
    const [items, total] = await qb
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return toPage(items, total, query);
  }

  /**
   * The opening if the actor may see it (a company user: only its own company's); otherwise 404.
   * `lock` takes the row for the rest of the caller's transaction.
   */
  async findVisibleOrFail(
    id: string,
    actor: Actor,
    manager?: EntityManager,
    lock?: 'pessimistic_read' | 'pessimistic_write',
  ): Promise<OpeningEntity> {
    const qb = (manager ?? this.openings.manager)
      .createQueryBuilder(OpeningEntity, 'o')
      .where('o.id = :id', { id });
    if (actor.role === Role.COMPANY) qb.andWhere('o.companyId = :ownId', { ownId: actor.companyId });
    if (lock) qb.setLock(lock);
    const found = await qb.getOne();
    if (!found) throw notFound(id);
    return found;
  }

  /**
   * `filled` is never asked for: it holds exactly when hires equal positions (a check constraint says
   * so too). Lowering positions to the hires fills the opening; raising them reopens a filled one.
   */
  async update(id: string, dto: UpdateOpeningDto, actor: Actor): Promise<OpeningEntity> {
    return this.openings.manager.transaction(async (manager) => {
      const current = await this.findVisibleOrFail(id, actor, manager, 'pessimistic_write');
      const positions = dto.positions ?? current.positions;
      if (positions < current.hires) {
        throw new OpeningException(
          OpeningExceptionCode.POSITIONS_BELOW_HIRES,
          `The opening already has ${current.hires} hires; positions cannot go below that`,
          { hires: current.hires },
        );
      }
      const filled = positions === current.hires;
      if (filled && dto.status !== undefined) {
        throw new OpeningException(
          OpeningExceptionCode.FILLED,
          'A filled opening can be neither opened nor closed; raise its positions to reopen it',
        );
      }
      const status = filled
        ? OpeningStatus.FILLED
        : (dto.status ?? (current.status === OpeningStatus.FILLED ? OpeningStatus.OPEN : current.status));
      const { skills, ...fields } = definedFields(dto);
      await manager.update(
        OpeningEntity,
        { id },
        { ...fields, ...(skills === undefined ? {} : { skills: normaliseSkills(skills) }), status },
      );
      return manager.findOneByOrFail(OpeningEntity, { id });
    });
  }

  /**
   * Takes one position for a hire, inside the hire's transaction, and fills the opening with the
   * last one. The row lock makes concurrent hires take positions one at a time, so they never
   * exceed them.
   */
  async takePosition(manager: EntityManager, id: string): Promise<OpeningEntity> {
    const opening = await manager.findOne(OpeningEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!opening) throw notFound(id);
    if (opening.hires >= opening.positions) {
      throw new OpeningException(
        OpeningExceptionCode.FILLED,
        `All ${opening.positions} positions of the opening are already filled`,
      );
    }
    const hires = opening.hires + 1;
    const status = hires === opening.positions ? OpeningStatus.FILLED : opening.status;
    await manager.update(OpeningEntity, { id }, { hires, status });
    return { ...opening, hires, status };
  }
}
