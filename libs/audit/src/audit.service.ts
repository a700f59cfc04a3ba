import { type Actor, type Page } from '#app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { type AuditAction, type AuditDetails, AuditLog } from './audit-log.entity.js';
import { AuditException, AuditExceptionCode } from './audit.exception.js';

export interface AuditEntry {
  /** Null when the system acts on its own (a worker job, a migration). */
  actor: Pick<Actor, 'id' | 'role'> | null;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  beneficiaryId?: string | null;
  details?: AuditDetails;
  requestId?: string | null;
}

export interface AuditListQuery {
  beneficiaryId?: string;
  actorId?: string;
  from?: string | Date;
  to?: string | Date;
  page: number;
  limit: number;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly auditLog: Repository<AuditLog>) {}

  /**
   * Appends one row. Pass the EntityManager of the transaction that makes the change, so the change
   * and its audit row commit (or roll back) together.
   */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  /** Appends several rows in one statement (e.g. one per person shown by a search). */
  async recordMany(entries: AuditEntry[], manager?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    const target = manager ?? this.auditLog.manager;
    await target
      .createQueryBuilder()
      .insert()
      .into(AuditLog)
      .values(
        entries.map((entry) => ({
          actorId: entry.actor?.id ?? null,
          actorRole: entry.actor?.role ?? null,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId ?? null,
          beneficiaryId: entry.beneficiaryId ?? null,
          details: entry.details ?? {},
          requestId: entry.requestId ?? null,
        })),
      )
      // The generated id and timestamp are not needed by callers: skip the RETURNING round trip.
      .updateEntity(false)
      .execute();
  }

  /** Newest first; `at` ties (rows of one transaction share now()) break on the sequence. */
  async list(query: AuditListQuery): Promise<Page<AuditLog>> {
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && from.getTime() > to.getTime()) {
      throw new AuditException(AuditExceptionCode.INVALID_PERIOD, '"from" must not be after "to"', {
        from: from.toISOString(),
        to: to.toISOString(),
      });
    }
    const qb = this.auditLog.createQueryBuilder('a');
    if (query.beneficiaryId)
      qb.andWhere('a.beneficiaryId = :beneficiaryId', { beneficiaryId: query.beneficiaryId });
    if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (from) qb.andWhere('a.at >= :from', { from });
    if (to) qb.andWhere('a.at < :to', { to });
    const [items, total] = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return { items, total, page: query.page, limit: query.limit };
  }
}
