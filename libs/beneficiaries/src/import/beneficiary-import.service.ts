import { AuditAction, type AuditDetails, AuditService } from '#app/audit';
import { type Actor, AppConfig, createValidationPipe, type FieldProblem } from '#app/core';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BENEFICIARY_ENTITY_TYPE, FISCAL_CODE_TAKEN } from '../beneficiary.constant.js';
import { newBeneficiaryValues } from '../beneficiary-record.util.js';
import { CreateBeneficiaryDto } from '../dto/create-beneficiary.dto.js';
import { fiscalCodeAgreementProblems } from '../validation/fiscal-code.js';
import {
  type BeneficiaryCsv,
  cellCountProblem,
  type CsvRow,
  type ImportColumn,
  readBeneficiaryCsv,
  rowToBody,
} from './beneficiary-csv.js';

/**
 * Rows validated and inserted together: large enough that the round trip per batch vanishes in the
 * total, small enough that one statement's JSON stays a few megabytes.
 */
const BATCH_SIZE = 2000;

export interface RejectedRow {
  line: number;
  reasons: FieldProblem[];
}

export interface ImportOutcome {
  created: number;
  createdIds: string[];
  rejected: RejectedRow[];
}

interface Candidate {
  line: number;
  dto: CreateBeneficiaryDto;
}

interface CreatedRow {
  line: number;
  id: string;
}

const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;

/**
 * The rows sorted by fiscal code (stable, so repeats keep their file order). Two imports that share
 * codes then insert them in the same order and one waits for the other, where file order could make
 * each wait for the other: a deadlock, and one import refused.
 */
function inFiscalCodeOrder({ columns, rows }: BeneficiaryCsv): CsvRow[] {
  const column = columns.indexOf('fiscalCode');
  if (column < 0) return rows;
  const keyOf = (row: CsvRow) => (row.cells[column] ?? '').trim().toUpperCase();
  return rows
    .map((row) => ({ row, key: keyOf(row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
}

/**
 * Inserts a batch given as JSON (one bind parameter instead of 18 a row; text[] columns arrive as
 * arrays) and logs each new person as created in the same statement. The audit rows are written here
 * rather than through AuditService.recordMany because that builds 8 bind parameters a row and was
 * most of the import's database time; the columns are those AuditService writes.
 */
const INSERT_BATCH = `
  WITH inserted AS (
    INSERT INTO beneficiaries (
      first_name, last_name, fiscal_code, birth_date, gender, email, phone, municipality, citizenship,
      education_level, employment_status, disability, vulnerabilities, skills, languages, referral_source,
      privacy_consent_at, created_by_id)
    SELECT "firstName", "lastName", "fiscalCode", "birthDate", "gender", "email", "phone", "municipality",
      "citizenship", "educationLevel", "employmentStatus", "disability", "vulnerabilities", "skills",
      "languages", "referralSource", "privacyConsentAt", "createdById"
    FROM jsonb_to_recordset($1::jsonb) AS incoming (
      "firstName" varchar, "lastName" varchar, "fiscalCode" varchar, "birthDate" date,
      "gender" beneficiary_gender, "email" varchar, "phone" varchar, "municipality" varchar,
      "citizenship" char(2), "educationLevel" smallint, "employmentStatus" employment_status,
      "disability" boolean, "vulnerabilities" text[], "skills" text[], "languages" text[],
      "referralSource" referral_source, "privacyConsentAt" timestamptz, "createdById" uuid)
    ON CONFLICT (fiscal_code) DO NOTHING
    RETURNING id, fiscal_code
  ), audited AS (
    INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, beneficiary_id, details, request_id)
    SELECT $2::uuid, $3::user_role, $4, $5, id, id, $6::jsonb, $7 FROM inserted
  )
  SELECT id, fiscal_code AS "fiscalCode" FROM inserted`;

const CREATED_BY_IMPORT: AuditDetails = { via: 'import' };

function repeatedIn(firstLine: number): FieldProblem {
  return { field: 'fiscalCode', problems: [`is repeated: it first appears on line ${firstLine}`] };
}

/**
 * CSV intake of beneficiaries (SPEC 5): every row goes through the very validation of
 * POST /api/beneficiaries; valid rows are registered, bad ones are reported by line and store nothing.
 */
@Injectable()
export class BeneficiaryImportService {
  /** The pipe the API applies to every body, so a row is refused exactly when the same JSON would be. */
  private readonly validation = createValidationPipe();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async import(input: Buffer | string, actor: Actor, requestId?: string): Promise<ImportOutcome> {
    const csv = readBeneficiaryCsv(input, { maxRows: this.config.values.IMPORT_MAX_ROWS });
    const { columns } = csv;
    const rows = inFiscalCodeOrder(csv);
    const rejected: RejectedRow[] = [];
    const created: CreatedRow[] = [];
    const firstLineOf = new Map<string, number>();
    // One transaction: an import that fails half-way (a lost connection) leaves nothing behind.
    await this.dataSource.transaction(async (manager) => {
      // Batch n is inserted while batch n + 1 is validated: PostgreSQL works while Node does.
      let inserting: Promise<void> = Promise.resolve();
      try {
        for (let from = 0; from < rows.length; from += BATCH_SIZE) {
          const candidates: Candidate[] = [];
          for (const row of rows.slice(from, from + BATCH_SIZE)) {
            const checked = await this.check(columns, row);
            if (!(checked instanceof CreateBeneficiaryDto)) {
              rejected.push({ line: row.line, reasons: checked });
              continue;
            }
            const firstLine = firstLineOf.get(checked.fiscalCode);
            if (firstLine === undefined) {
              firstLineOf.set(checked.fiscalCode, row.line);
              candidates.push({ line: row.line, dto: checked });
            } else {
              rejected.push({ line: row.line, reasons: [repeatedIn(firstLine)] });
            }
          }
          await inserting;
          inserting = this.insertBatch(manager, candidates, actor, requestId, rejected).then((batch) => {
            created.push(...batch);
          });
        }
        await inserting;
      } finally {
        // Never leave a batch running on the connection the transaction is about to roll back.
        await inserting.catch(() => undefined);
      }
      await this.audit.record(
        {
          actor,
          action: AuditAction.IMPORT,
          entityType: BENEFICIARY_ENTITY_TYPE,
          details: { created: created.length, rejected: rejected.length },
          requestId,
        },
        manager,
      );
    });
    created.sort(byLine);
    rejected.sort(byLine);
    return { created: created.length, createdIds: created.map((row) => row.id), rejected };
  }

  /** The row's registration, or why it is refused (the 400 details the same JSON body would get). */
  private async check(columns: ImportColumn[], row: CsvRow): Promise<CreateBeneficiaryDto | FieldProblem[]> {
    const countProblem = cellCountProblem(columns, row.cells);
    if (countProblem) return [{ field: 'row', problems: [countProblem] }];
    let dto: CreateBeneficiaryDto;
    try {
      dto = (await this.validation.transform(rowToBody(columns, row.cells), {
        type: 'body',
        metatype: CreateBeneficiaryDto,
      })) as CreateBeneficiaryDto;
    } catch (error) {
      if (error instanceof BadRequestException) {
        return (error.getResponse() as { details: FieldProblem[] }).details;
      }
      throw error;
    }
    const disagreements = fiscalCodeAgreementProblems(dto);
    return disagreements.length > 0 ? disagreements : dto;
  }

  /**
   * Inserts a batch and logs each new person as created, in one statement. A fiscal code already
   * registered, before the import or by a request running alongside it, is skipped by the unique index
   * (ON CONFLICT DO NOTHING) and reported as taken. Answers the rows created.
   */
  private async insertBatch(
    manager: EntityManager,
    candidates: Candidate[],
    actor: Actor,
    requestId: string | undefined,
    rejected: RejectedRow[],
  ): Promise<CreatedRow[]> {
    if (candidates.length === 0) return [];
    const inserted = await manager.query<Array<{ id: string; fiscalCode: string }>>(INSERT_BATCH, [
      JSON.stringify(candidates.map((candidate) => newBeneficiaryValues(candidate.dto, actor.id))),
      actor.id,
      actor.role,
      AuditAction.CREATE,
      BENEFICIARY_ENTITY_TYPE,
      JSON.stringify(CREATED_BY_IMPORT),
      requestId ?? null,
    ]);
    const idOf = new Map(inserted.map((row) => [row.fiscalCode, row.id]));
    const created: CreatedRow[] = [];
    for (const candidate of candidates) {
      const id = idOf.get(candidate.dto.fiscalCode);
      if (id === undefined) rejected.push({ line: candidate.line, reasons: [FISCAL_CODE_TAKEN] });
      else created.push({ line: candidate.line, id });
    }
    return created;
  }
}
