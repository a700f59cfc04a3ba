import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type Actor, eurosToCents, type Page, type PaginationQueryDto, toPage } from '#app/core';
import { FundingLineEntity } from './funding-line.entity.js';
import { FundingLineException, FundingLineExceptionCode } from './funding-line.exception.js';
import type { CreateFundingLineDto } from './dto/create-funding-line.dto.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Owns the funding_lines table. Grants change a line's totals only through the `*InTransaction`
 * methods, after `lockInTransaction`: the row lock is what keeps concurrent approvals and payments
 * from overspending the line.
 */
@Injectable()
export class FundingLinesService {
  constructor(@InjectRepository(FundingLineEntity) private readonly lines: Repository<FundingLineEntity>) {}

  async create(dto: CreateFundingLineDto, actor: Actor): Promise<FundingLineEntity> {
    if (await this.lines.existsBy({ code: dto.code })) throw this.codeTaken(dto.code);
    try {
      return await this.lines.save(
        this.lines.create({
          code: dto.code,
          name: dto.name,
          fund: dto.fund,
          cup: dto.cup,
          programmedCents: eurosToCents(dto.programmedAmount),
          createdById: actor.id,
        }),
      );
    } catch (error) {
      // Two concurrent creations with one code: the unique constraint lets one through.
      const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (driverError?.code === UNIQUE_VIOLATION && driverError.constraint === 'uq_funding_lines_code') {
        throw this.codeTaken(dto.code);
      }
      throw error;
    }
  }

  async list(query: PaginationQueryDto): Promise<Page<FundingLineEntity>> {
    const [items, total] = await this.lines.findAndCount({
      order: { code: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  async findOrFail(id: string): Promise<FundingLineEntity> {
    const line = await this.lines.findOneBy({ id });
    if (!line) throw this.notFound(id);
    return line;
  }

  /**
   * Locks the line for the rest of the caller's transaction. Callers that also lock a grant take the
   * line first, so two transactions never wait on each other in opposite orders.
   */
  async lockInTransaction(manager: EntityManager, id: string): Promise<FundingLineEntity> {
    const line = await manager.findOne(FundingLineEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!line) throw this.notFound(id);
    return line;
  }

  /** Adds an approval to the committed total of a line locked by `lockInTransaction`. */
  async commitInTransaction(manager: EntityManager, line: FundingLineEntity, cents: number): Promise<void> {
    line.committedCents += cents;
    await manager.update(FundingLineEntity, { id: line.id }, { committedCents: line.committedCents });
  }

  /** Adds a payment to the disbursed total of a line locked by `lockInTransaction`. */
  async disburseInTransaction(manager: EntityManager, line: FundingLineEntity, cents: number): Promise<void> {
    line.disbursedCents += cents;
    await manager.update(FundingLineEntity, { id: line.id }, { disbursedCents: line.disbursedCents });
  }

  private notFound(id: string): FundingLineException {
    return new FundingLineException(FundingLineExceptionCode.NOT_FOUND, `Funding line ${id} not found`);
  }

  private codeTaken(code: string): FundingLineException {
    return new FundingLineException(
      FundingLineExceptionCode.CODE_TAKEN,
      `A funding line with code ${code} already exists`,
      { code },
    );
  }
}
