import { AuditAction, type AuditEntry, AuditService } from '#app/audit';
import { type Actor, type Page, Role } from '#app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Brackets,
  type EntityManager,
  type ObjectLiteral,
  QueryFailedError,
  Repository,
  type SelectQueryBuilder,
} from 'typeorm';
import { BENEFICIARY_ENTITY_TYPE, FISCAL_CODE_TAKEN } from './beneficiary.constant.js';
import { Beneficiary } from './beneficiary.entity.js';
import { newBeneficiaryValues } from './beneficiary-record.util.js';
import { BeneficiaryException, BeneficiaryExceptionCode } from './beneficiaries.exception.js';
import type { CreateBeneficiaryDto } from './dto/create-beneficiary.dto.js';
import type { ListBeneficiariesQueryDto } from './dto/list-beneficiaries.query.js';
import type { UpdateBeneficiaryDto } from './dto/update-beneficiary.dto.js';
import { fiscalCodeAgreementProblems, isFiscalCode, normaliseFiscalCode } from './validation/fiscal-code.js';

const FISCAL_CODE_UNIQUE_INDEX = 'uq_beneficiaries_fiscal_code';
const AGREEMENT_FIELDS: ReadonlySet<string> = new Set(['fiscalCode', 'birthDate', 'gender']);

type EditableField = keyof UpdateBeneficiaryDto;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function sameValue(current: unknown, next: unknown): boolean {
  if (current instanceof Date && typeof next === 'string') return current.getTime() === Date.parse(next);
  if (Array.isArray(current) && Array.isArray(next)) {
    return current.length === next.length && current.every((item, index) => item === next[index]);
  }
  return current === next;
}

function isFiscalCodeTaken(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string } | undefined)?.constraint === FISCAL_CODE_UNIQUE_INDEX
  );
}

function duplicateFiscalCode(fiscalCode: string): BeneficiaryException {
  return new BeneficiaryException(
    BeneficiaryExceptionCode.DUPLICATE_FISCAL_CODE,
    `A beneficiary with fiscal code ${fiscalCode} is already registered`,
    [FISCAL_CODE_TAKEN],
  );
}

function erasedRecord(id: string): BeneficiaryException {
  return new BeneficiaryException(
    BeneficiaryExceptionCode.ERASED,
    `The personal data of beneficiary ${id} was erased; the record can no longer change`,
  );
}

function assertFiscalCodeAgrees(record: Pick<Beneficiary, 'fiscalCode' | 'birthDate' | 'gender'>): void {
  const problems = fiscalCodeAgreementProblems(record);
  if (problems.length === 0) return;
  throw new BeneficiaryException(
    BeneficiaryExceptionCode.FISCAL_CODE_MISMATCH,
    'The fiscal code does not agree with the birth date or gender',
    problems,
  );
}

@Injectable()
export class BeneficiariesService {
  constructor(
    @InjectRepository(Beneficiary) private readonly beneficiaries: Repository<Beneficiary>,
    private readonly audit: AuditService,
  ) {}

  /**
   * Restricts a query over beneficiaries (under `alias`) to those the actor may see (SPEC 4):
   * admins and coordinators see everyone; a counsellor sees the people they registered and those with
   * a case assigned to them; companies see no one here (they get the candidate view elsewhere).
   * Cases are matched by raw SQL because the cases lib depends on this one, not the reverse.
   */
  scopeVisible<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    actor: Actor,
    alias: string = qb.alias,
  ): SelectQueryBuilder<T> {
    switch (actor.role) {
      case Role.ADMIN:
      case Role.COORDINATOR:
        return qb;
      case Role.COUNSELLOR:
        return qb.andWhere(
          `(${alias}.createdById = :visibleToCounsellorId OR EXISTS (` +
            `SELECT 1 FROM cases visible_case WHERE visible_case.beneficiary_id = ${alias}.id ` +
            `AND visible_case.counsellor_id = :visibleToCounsellorId))`,
          { visibleToCounsellorId: actor.id },
        );
      case Role.COMPANY:
        return qb.andWhere('1 = 0');
    }
  }

  /** The beneficiary if the actor may see it; otherwise 404, so existence does not leak. */
  async findVisibleOrFail(
    id: string,
    actor: Actor,
    manager?: EntityManager,
    options?: { lock?: boolean },
  ): Promise<Beneficiary> {
    const qb = (manager ?? this.beneficiaries.manager)
      .createQueryBuilder(Beneficiary, 'b')
      .where('b.id = :id', { id });
    this.scopeVisible(qb, actor);
    if (options?.lock) qb.setLock('pessimistic_write');
    const beneficiary = await qb.getOne();
    if (!beneficiary) {
      throw new BeneficiaryException(BeneficiaryExceptionCode.NOT_FOUND, `Beneficiary ${id} not found`);
    }
    return beneficiary;
  }

  async create(dto: CreateBeneficiaryDto, actor: Actor, requestId?: string): Promise<Beneficiary> {
    const fiscalCode = normaliseFiscalCode(dto.fiscalCode);
    assertFiscalCodeAgrees({ fiscalCode, birthDate: dto.birthDate ?? null, gender: dto.gender ?? null });
    try {
      return await this.beneficiaries.manager.transaction(async (manager) => {
        // Checked first for a clear answer; the unique index decides under concurrent registrations.
        if (await manager.existsBy(Beneficiary, { fiscalCode })) throw duplicateFiscalCode(fiscalCode);
        const inserted = await manager.save(manager.create(Beneficiary, newBeneficiaryValues(dto, actor.id)));
        await this.audit.record(
          this.auditEntry(actor, AuditAction.CREATE, inserted.id, {}, requestId),
          manager,
        );
        return manager.findOneByOrFail(Beneficiary, { id: inserted.id });
      });
    } catch (error) {
      if (isFiscalCodeTaken(error)) throw duplicateFiscalCode(fiscalCode);
      throw error;
    }
  }

  /**
   * Search: a case-insensitive prefix of the last or first name (served by the lower(...)
   * text_pattern_ops indexes), or an exact fiscal code. Every person shown is logged as read.
   */
  async list(query: ListBeneficiariesQueryDto, actor: Actor, requestId?: string): Promise<Page<Beneficiary>> {
    const qb = this.beneficiaries.createQueryBuilder('b');
    this.scopeVisible(qb, actor);
    if (query.search) {
      const term = query.search;
      const prefix = `${escapeLike(term.toLowerCase())}%`;
      qb.andWhere(
        new Brackets((where) => {
          where
            .where('lower(b.lastName) LIKE :prefix', { prefix })
            .orWhere('lower(b.firstName) LIKE :prefix', { prefix });
          if (isFiscalCode(term))
            where.orWhere('b.fiscalCode = :fiscalCode', { fiscalCode: normaliseFiscalCode(term) });
        }),
      );
    }
    const [items, total] = await qb
      .orderBy('b.lastName', 'ASC')
      .addOrderBy('b.firstName', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    await this.audit.recordMany(
      items.map((item) => this.auditEntry(actor, AuditAction.READ, item.id, { via: 'search' }, requestId)),
    );
    return { items, total, page: query.page, limit: query.limit };
  }

  /** One person's record, logged as read before it is returned. */
  async read(id: string, actor: Actor, requestId?: string): Promise<Beneficiary> {
    const beneficiary = await this.findVisibleOrFail(id, actor);
    await this.audit.record(this.auditEntry(actor, AuditAction.READ, id, {}, requestId));
    return beneficiary;
  }

  /**
   * Applies the given fields to a locked row, checks the fiscal code against the merged record, bumps
   * the version and logs the names (never the values) of the fields that changed.
   */
  async update(
    id: string,
    dto: UpdateBeneficiaryDto,
    actor: Actor,
    requestId?: string,
  ): Promise<Beneficiary> {
    try {
      return await this.beneficiaries.manager.transaction(async (manager) => {
        const current = await this.findVisibleOrFail(id, actor, manager, { lock: true });
        if (current.erasedAt) throw erasedRecord(id);
        const changedFields = (Object.keys(dto) as EditableField[]).filter(
          (field) => dto[field] !== undefined && !sameValue(current[field], dto[field]),
        );
        const changes: Partial<Beneficiary> = {};
        for (const field of changedFields) {
          Object.assign(changes, {
            [field]: field === 'privacyConsentAt' ? new Date(dto.privacyConsentAt as string) : dto[field],
          });
        }
        if (changedFields.some((field) => AGREEMENT_FIELDS.has(field))) {
          assertFiscalCodeAgrees({ ...current, ...changes });
        }
        if (changes.fiscalCode !== undefined) {
          const taken = await manager
            .createQueryBuilder(Beneficiary, 'b')
            .where('b.fiscalCode = :fiscalCode AND b.id <> :id', { fiscalCode: changes.fiscalCode, id })
            .getExists();
          if (taken) throw duplicateFiscalCode(changes.fiscalCode);
        }
        if (changedFields.length > 0) await manager.update(Beneficiary, { id }, changes);
        await this.audit.record(
          this.auditEntry(actor, AuditAction.UPDATE, id, { changedFields }, requestId),
          manager,
        );
        return manager.findOneByOrFail(Beneficiary, { id });
      });
    } catch (error) {
      if (isFiscalCodeTaken(error)) throw duplicateFiscalCode(dto.fiscalCode ?? '');
      throw error;
    }
  }

  private auditEntry(
    actor: Actor,
    action: AuditAction,
    beneficiaryId: string,
    details: AuditEntry['details'],
    requestId: string | undefined,
  ): AuditEntry {
    return {
      actor,
      action,
      entityType: BENEFICIARY_ENTITY_TYPE,
      entityId: beneficiaryId,
      beneficiaryId,
      details,
      requestId,
    };
  }
}
