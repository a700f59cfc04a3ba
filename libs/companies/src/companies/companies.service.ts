import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, QueryFailedError, Repository } from 'typeorm';
import { type Actor, type Page, Role, toPage } from '#app/core';
import { definedFields } from '../defined-fields.util.js';
import { CompanyEntity } from './company.entity.js';
import { CompanyException, CompanyExceptionCode } from './company.exception.js';
import type { CompanyHistoryDto, OpeningSummaryDto } from './dto/company-detail-response.dto.js';
import type { CreateCompanyDto } from './dto/create-company.dto.js';
import type { ListCompaniesQueryDto } from './dto/list-companies.query.js';
import type { UpdateCompanyDto } from './dto/update-company.dto.js';

const VAT_NUMBER_UNIQUE = 'uq_companies_vat_number';
const RECENT_OPENINGS = 20;

/** Board data that the programme keeps: a company user may read these fields but not change them. */
const PROGRAMME_FIELDS = ['vatNumber', 'boardMemberSince'] as const;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function isVatNumberTaken(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string } | undefined)?.constraint === VAT_NUMBER_UNIQUE
  );
}

function duplicateVatNumber(vatNumber: string): CompanyException {
  return new CompanyException(
    CompanyExceptionCode.DUPLICATE_VAT_NUMBER,
    `A company with VAT number ${vatNumber} is already registered`,
    [{ field: 'vatNumber', problems: ['is already registered'] }],
  );
}

function countsByStatus<K extends string>(
  rows: { status: string; count: string }[],
  keys: readonly K[],
): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const row of rows) {
    if ((keys as readonly string[]).includes(row.status)) counts[row.status as K] = Number(row.count);
  }
  return counts;
}

@Injectable()
export class CompaniesService {
  constructor(@InjectRepository(CompanyEntity) private readonly companies: Repository<CompanyEntity>) {}

  async create(dto: CreateCompanyDto): Promise<CompanyEntity> {
    // Checked first for a clear answer; the unique constraint decides under concurrent creates.
    if (await this.companies.existsBy({ vatNumber: dto.vatNumber })) throw duplicateVatNumber(dto.vatNumber);
    try {
      const { identifiers } = await this.companies.insert(this.companies.create(dto));
      return await this.companies.findOneByOrFail({ id: identifiers[0].id as string });
    } catch (error) {
      if (isVatNumberTaken(error)) throw duplicateVatNumber(dto.vatNumber);
      throw error;
    }
  }

  /** Staff see every company; a company user sees only its own. */
  async list(query: ListCompaniesQueryDto, actor: Actor): Promise<Page<CompanyEntity>> {
    const qb = this.companies.createQueryBuilder('co');
    if (actor.role === Role.COMPANY) qb.where('co.id = :ownId', { ownId: actor.companyId });
    if (query.search) {
      // lower(name) LIKE 'prefix%' is served by idx_companies_name (text_pattern_ops).
      qb.andWhere('lower(co.name) LIKE :prefix', { prefix: `${escapeLike(query.search.toLowerCase())}%` });
    }
    const [items, total] = await qb
      .orderBy('lower(co.name)', 'ASC')
      .addOrderBy('co.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return toPage(items, total, query);
  }

  /** The company if the actor may see it (a company user: only its own); otherwise 404. */
  async findVisibleOrFail(id: string, actor: Actor, manager?: EntityManager): Promise<CompanyEntity> {
    const found =
      actor.role === Role.COMPANY && actor.companyId !== id
        ? null
        : await (manager ?? this.companies.manager).findOneBy(CompanyEntity, { id });
    if (!found) throw new CompanyException(CompanyExceptionCode.NOT_FOUND, `Company ${id} not found`);
    return found;
  }

  async detail(id: string, actor: Actor): Promise<{ company: CompanyEntity; history: CompanyHistoryDto }> {
    const company = await this.findVisibleOrFail(id, actor);
    return { company, history: await this.history(id) };
  }

  async update(id: string, dto: UpdateCompanyDto, actor: Actor): Promise<CompanyEntity> {
    if (actor.role === Role.COMPANY) {
      const readOnly = PROGRAMME_FIELDS.filter((field) => dto[field] !== undefined);
      if (readOnly.length > 0) {
        throw new CompanyException(
          CompanyExceptionCode.FIELD_READ_ONLY,
          `A company user cannot change ${readOnly.join(', ')}`,
          readOnly.map((field) => ({ field, problems: ['is managed by the programme'] })),
        );
      }
    }
    try {
      return await this.companies.manager.transaction(async (manager) => {
        const current = await this.findVisibleOrFail(id, actor, manager);
        if (dto.vatNumber !== undefined && dto.vatNumber !== current.vatNumber) {
          const taken = await manager
            .createQueryBuilder(CompanyEntity, 'co')
            .where('co.vatNumber = :vatNumber AND co.id <> :id', { vatNumber: dto.vatNumber, id })
            .getExists();
          if (taken) throw duplicateVatNumber(dto.vatNumber);
        }
        const changes = definedFields(dto);
        if (Object.keys(changes).length > 0) await manager.update(CompanyEntity, { id }, changes);
        return manager.findOneByOrFail(CompanyEntity, { id });
      });
    } catch (error) {
      if (isVatNumberTaken(error)) throw duplicateVatNumber(dto.vatNumber ?? '');
      throw error;
    }
  }

  /**
   * What the company did in the programme. Internships and placements belong to other libs, which
   * depend on this one, so they are counted with plain SQL on their tables rather than through
   * their services.
   */
  private async history(companyId: string): Promise<CompanyHistoryDto> {
    const manager = this.companies.manager;
    const [openingRows, recent, proposalRows, internshipRows, hireRows] = await Promise.all([
      manager.query<{ status: string; count: string }[]>(
        `SELECT status, count(*) AS count FROM openings WHERE company_id = $1 GROUP BY status`,
        [companyId],
      ),
      manager.query<(Omit<OpeningSummaryDto, 'closesOn'> & { closesOn: string })[]>(
        `SELECT id, title, status, positions, hires, to_char(closes_on, 'YYYY-MM-DD') AS "closesOn",
                created_at AS "createdAt"
           FROM openings WHERE company_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
        [companyId, RECENT_OPENINGS],
      ),
      manager.query<{ status: string; count: string }[]>(
        `SELECT p.status, count(*) AS count
           FROM proposals p JOIN openings o ON o.id = p.opening_id
          WHERE o.company_id = $1 GROUP BY p.status`,
        [companyId],
      ),
      manager.query<{ status: string; count: string }[]>(
        `SELECT status, count(*) AS count FROM internships WHERE company_id = $1 GROUP BY status`,
        [companyId],
      ),
      manager.query<{ placements: string; people: string }[]>(
        `SELECT count(*) AS placements, count(DISTINCT beneficiary_id) AS people
           FROM placements WHERE company_id = $1`,
        [companyId],
      ),
    ]);
    return {
      openings: {
        ...countsByStatus(openingRows, ['open', 'closed', 'filled'] as const),
        recent,
      },
      proposals: countsByStatus(proposalRows, ['proposed', 'interviewing', 'hired', 'rejected'] as const),
      internships: countsByStatus(internshipRows, ['active', 'completed', 'interrupted'] as const),
      hires: { placements: Number(hireRows[0].placements), people: Number(hireRows[0].people) },
    };
  }
}
