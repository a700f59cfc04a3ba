import { AuditAction, AuditService } from '#app/audit';
import { type Actor, centsToEuros, Role } from '#app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { BENEFICIARY_ENTITY_TYPE } from '../beneficiary.constant.js';
import { Beneficiary } from '../beneficiary.entity.js';
import { BeneficiariesService } from '../beneficiaries.service.js';
import { BeneficiaryException, BeneficiaryExceptionCode } from '../beneficiaries.exception.js';
import { BeneficiaryResponseDto } from '../dto/beneficiary-response.dto.js';
import {
  type BeneficiaryExportDto,
  EXPORT_FORMAT,
  type ExportedAuditEntryDto,
  type ExportedCaseDto,
  type ExportedCaseEventDto,
  type ExportedDisbursementDto,
  type ExportedEnrollmentDto,
  type ExportedFollowUpDto,
  type ExportedGrantDto,
  type ExportedInternshipDto,
  type ExportedInterviewDto,
  type ExportedPlacementDto,
  type ExportedProposalDto,
} from '../dto/beneficiary-export.dto.js';
import {
  ERASED_FIELDS,
  ERASED_FIRST_NAME,
  ERASED_LAST_NAME,
  ERASED_TEXT,
  erasedFiscalCode,
} from './erasure.js';

type CaseFields = Pick<
  ExportedCaseDto,
  'id' | 'counsellorId' | 'status' | 'closedReason' | 'openedAt' | 'placedAt' | 'closedAt'
>;

/** Case-level rows carry their case id (and follow-ups their placement id) until they are grouped. */
type Of<T> = T & { caseId: string };

/** pg returns timestamptz as Date; the export, like the API, speaks ISO 8601. */
function withIsoDates<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key] = value instanceof Date ? value.toISOString() : value;
  return out as T;
}

function byKey<T, K extends keyof T>(rows: T[], key: K): Map<T[K], Omit<T, K>[]> {
  const groups = new Map<T[K], Omit<T, K>[]>();
  for (const row of rows) {
    const { [key]: value, ...rest } = row;
    const group = groups.get(value) ?? [];
    group.push(rest);
    groups.set(value, group);
  }
  return groups;
}

const DAY = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

const FISCAL_CODE_UNIQUE_INDEX = 'uq_beneficiaries_fiscal_code';
/** The random stand-in for a fiscal code is tried again in the (astronomically rare) case it is taken. */
const ERASE_ATTEMPTS = 3;

/**
 * GDPR for one person: the export of everything held (art. 15 and 20) and the erasure (art. 17) that
 * pseudonymises the personal data but keeps what the programme's counts and FSE+ reports are built on.
 * The other features' tables are read with SQL because their libs depend on this one.
 */
@Injectable()
export class BeneficiaryPrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly beneficiaries: BeneficiariesService,
    private readonly audit: AuditService,
  ) {}

  async export(id: string, actor: Actor, requestId?: string): Promise<BeneficiaryExportDto> {
    // One snapshot, so the sections agree with each other even while the person's case moves on.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const beneficiary = await this.beneficiaries.findVisibleOrFail(id, actor, manager);
      const complete = actor.role === Role.ADMIN || actor.role === Role.COORDINATOR;
      const cases = await this.casesOf(manager, id, complete ? null : actor.id);
      const audit = complete ? await this.auditOf(manager, id) : null;
      await this.audit.record(
        {
          actor,
          action: AuditAction.EXPORT,
          entityType: BENEFICIARY_ENTITY_TYPE,
          entityId: id,
          beneficiaryId: id,
          details: { complete, cases: cases.length },
          requestId,
        },
        manager,
      );
      return {
        format: EXPORT_FORMAT,
        exportedAt: new Date().toISOString(),
        complete,
        beneficiary: BeneficiaryResponseDto.from(beneficiary),
        cases,
        audit,
      };
    });
  }

  /**
   * Pseudonymises the person in one transaction: identifying fields and free text about them are
   * replaced, every row and every fact that is counted stays, so metrics and reports do not move. The
   * audit row names the fields, never their values.
   */
  async erase(id: string, actor: Actor, requestId?: string): Promise<BeneficiaryResponseDto> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.eraseOnce(id, actor, requestId);
      } catch (error) {
        const takenToken =
          error instanceof QueryFailedError &&
          (error.driverError as { constraint?: string }).constraint === FISCAL_CODE_UNIQUE_INDEX;
        if (!takenToken || attempt >= ERASE_ATTEMPTS) throw error;
      }
    }
  }

  private async eraseOnce(id: string, actor: Actor, requestId?: string): Promise<BeneficiaryResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.beneficiaries.findVisibleOrFail(id, actor, manager, { lock: true });
      if (current.erasedAt) {
        throw new BeneficiaryException(
          BeneficiaryExceptionCode.ERASED,
          `The personal data of beneficiary ${id} was already erased`,
        );
      }
      await manager.update(
        Beneficiary,
        { id },
        {
          firstName: ERASED_FIRST_NAME,
          lastName: ERASED_LAST_NAME,
          fiscalCode: erasedFiscalCode(),
          email: null,
          phone: null,
          municipality: null,
          skills: [],
          languages: [],
          erasedAt: () => 'now()',
        },
      );
      const caseIds = (
        await manager.query<Array<{ id: string }>>(`SELECT id FROM cases WHERE beneficiary_id = $1`, [id])
      ).map((row) => row.id);
      if (caseIds.length > 0) await this.eraseCaseNotes(manager, caseIds);
      // Stored answers of writes sent with an Idempotency-Key still hold the record as it was.
      await manager.query(
        `UPDATE idempotency_keys SET response_body = '{"erased": true}'::jsonb
          WHERE strpos(response_body::text, $1) > 0`,
        [current.fiscalCode],
      );
      await this.audit.record(
        {
          actor,
          action: AuditAction.ERASE,
          entityType: BENEFICIARY_ENTITY_TYPE,
          entityId: id,
          beneficiaryId: id,
          details: { erasedFields: ERASED_FIELDS, cases: caseIds.length },
          requestId,
        },
        manager,
      );
      return BeneficiaryResponseDto.from(await manager.findOneByOrFail(Beneficiary, { id }));
    });
  }

  /**
   * Free text written about the person in their cases. Triage, statuses, dates, amounts, contract
   * types, qualifications and the events stay: the counters and reports read them. Hold and resume
   * reasons are free text too (close reasons are a closed set the reports use).
   */
  private async eraseCaseNotes(manager: EntityManager, caseIds: string[]): Promise<void> {
    const replaced = [
      `UPDATE proposals SET note = $2, feedback = NULL, updated_at = now() WHERE case_id = ANY($1::uuid[])`,
      `UPDATE grants SET plan_summary = $2,
          rejection_reason = CASE WHEN rejection_reason IS NULL THEN NULL ELSE $2 END, updated_at = now()
        WHERE case_id = ANY($1::uuid[])`,
      `UPDATE case_events SET payload = payload || jsonb_build_object('reason', $2::text)
        WHERE case_id = ANY($1::uuid[]) AND type IN ('manual.on_hold', 'manual.resume') AND payload ? 'reason'`,
    ];
    const cleared = [
      `UPDATE interviews SET notes = NULL, action_plan = NULL, skills = '{}', updated_at = now()
        WHERE case_id = ANY($1::uuid[])`,
      `UPDATE follow_ups SET notes = NULL, updated_at = now() WHERE case_id = ANY($1::uuid[]) AND notes IS NOT NULL`,
      `UPDATE internships SET outcome = NULL, updated_at = now()
        WHERE case_id = ANY($1::uuid[]) AND outcome IS NOT NULL`,
    ];
    for (const statement of replaced) await manager.query(statement, [caseIds, ERASED_TEXT]);
    for (const statement of cleared) await manager.query(statement, [caseIds]);
  }

  private async casesOf(
    manager: EntityManager,
    beneficiaryId: string,
    counsellorId: string | null,
  ): Promise<ExportedCaseDto[]> {
    const caseRows = await manager.query<Array<Record<string, unknown>>>(
      `SELECT id, counsellor_id AS "counsellorId", status, closed_reason AS "closedReason",
              opened_at AS "openedAt", placed_at AS "placedAt", closed_at AS "closedAt"
         FROM cases
        WHERE beneficiary_id = $1 AND ($2::uuid IS NULL OR counsellor_id = $2::uuid)
        ORDER BY opened_at, id`,
      [beneficiaryId, counsellorId],
    );
    if (caseRows.length === 0) return [];
    const ids = caseRows.map((row) => row.id as string);
    const rows = async <T>(sql: string): Promise<T[]> =>
      (await manager.query<Array<Record<string, unknown>>>(sql, [ids])).map((row) => withIsoDates<T>(row));

    const timeline = byKey(
      await rows<Of<ExportedCaseEventDto>>(
        `SELECT id, case_id AS "caseId", type, payload, actor_id AS "actorId", occurred_at AS "occurredAt",
                from_state AS "fromState", to_state AS "toState"
           FROM case_events WHERE case_id = ANY($1::uuid[]) ORDER BY sequence`,
      ),
      'caseId',
    );
    const interviews = byKey(
      await rows<Of<ExportedInterviewDto>>(
        `SELECT id, case_id AS "caseId", scheduled_at AS "scheduledAt", held_at AS "heldAt", triage, notes,
                skills, action_plan AS "actionPlan"
           FROM interviews WHERE case_id = ANY($1::uuid[]) ORDER BY scheduled_at, id`,
      ),
      'caseId',
    );
    const enrollments = byKey(
      await rows<Of<ExportedEnrollmentDto>>(
        `SELECT e.id, e.case_id AS "caseId", e.course_id AS "courseId", c.title AS "courseTitle", e.status,
                e.qualification, e.enrolled_at AS "enrolledAt", e.ended_at AS "endedAt"
           FROM enrollments e JOIN courses c ON c.id = e.course_id
          WHERE e.case_id = ANY($1::uuid[]) ORDER BY e.enrolled_at, e.id`,
      ),
      'caseId',
    );
    const internships = byKey(
      (
        await rows<Of<Omit<ExportedInternshipDto, 'monthlyAllowance'>> & { allowanceCents: string }>(
          `SELECT i.id, i.case_id AS "caseId", i.company_id AS "companyId", co.name AS "companyName",
                  i.opening_id AS "openingId", ${DAY('i.starts_on')} AS "startsOn", ${DAY('i.ends_on')} AS "endsOn",
                  i.monthly_allowance_cents AS "allowanceCents", i.tutor_name AS "tutorName", i.status,
                  i.outcome, i.ended_at AS "endedAt"
             FROM internships i JOIN companies co ON co.id = i.company_id
            WHERE i.case_id = ANY($1::uuid[]) ORDER BY i.starts_on, i.id`,
        )
      ).map(({ allowanceCents, ...row }) => ({ ...row, monthlyAllowance: centsToEuros(allowanceCents) })),
      'caseId',
    );
    const proposals = byKey(
      await rows<Of<ExportedProposalDto>>(
        `SELECT p.id, p.case_id AS "caseId", p.opening_id AS "openingId", o.title AS "openingTitle",
                o.company_id AS "companyId", co.name AS "companyName", p.note, p.status, p.feedback,
                p.placement_id AS "placementId", p.created_at AS "createdAt"
           FROM proposals p JOIN openings o ON o.id = p.opening_id JOIN companies co ON co.id = o.company_id
          WHERE p.case_id = ANY($1::uuid[]) ORDER BY p.created_at, p.id`,
      ),
      'caseId',
    );
    const followUps = byKey(
      await rows<ExportedFollowUpDto & { placementId: string }>(
        `SELECT id, placement_id AS "placementId", months_after AS "monthsAfter", ${DAY('due_on')} AS "dueOn",
                recorded_at AS "recordedAt", employed, notes
           FROM follow_ups WHERE case_id = ANY($1::uuid[]) ORDER BY due_on, months_after`,
      ),
      'placementId',
    );
    const placements = byKey(
      (
        await rows<Of<Omit<ExportedPlacementDto, 'followUps'>>>(
          `SELECT p.id, p.case_id AS "caseId", p.company_id AS "companyId", co.name AS "companyName",
                  p.opening_id AS "openingId", p.contract_type AS "contractType", p.kind,
                  p.extends_placement_id AS "extendsPlacementId", ${DAY('p.starts_on')} AS "startsOn",
                  p.hours_per_week::float8 AS "hoursPerWeek", p.source, p.created_at AS "createdAt"
             FROM placements p LEFT JOIN companies co ON co.id = p.company_id
            WHERE p.case_id = ANY($1::uuid[]) ORDER BY p.starts_on, p.created_at, p.id`,
        )
      ).map((row) => ({ ...row, followUps: followUps.get(row.id) ?? [] })),
      'caseId',
    );
    const disbursements = byKey(
      (
        await rows<{ id: string; grantId: string; amountCents: string; paidOn: string }>(
          `SELECT d.id, d.grant_id AS "grantId", d.amount_cents AS "amountCents", ${DAY('d.paid_on')} AS "paidOn"
             FROM disbursements d JOIN grants g ON g.id = d.grant_id
            WHERE g.case_id = ANY($1::uuid[]) ORDER BY d.paid_on, d.created_at, d.id`,
        )
      ).map(({ amountCents, ...row }): ExportedDisbursementDto & { grantId: string } => ({
        ...row,
        amount: centsToEuros(amountCents),
      })),
      'grantId',
    );
    const grants = byKey(
      (
        await rows<
          Of<
            Omit<ExportedGrantDto, 'requestedAmount' | 'approvedAmount' | 'disbursedAmount' | 'disbursements'>
          > & {
            requestedCents: string;
            approvedCents: string | null;
            disbursedCents: string;
          }
        >(
          `SELECT g.id, g.case_id AS "caseId", g.funding_line_id AS "fundingLineId", f.code AS "fundingLineCode",
                  g.business_name AS "businessName", g.ateco_code AS "atecoCode", g.plan_summary AS "planSummary",
                  g.requested_cents AS "requestedCents", g.approved_cents AS "approvedCents",
                  g.disbursed_cents AS "disbursedCents", g.status, g.submitted_at AS "submittedAt",
                  g.decided_at AS "decidedAt", g.rejection_reason AS "rejectionReason",
                  ${DAY('g.business_started_on')} AS "businessStartedOn", g.vat_number AS "vatNumber",
                  g.placement_id AS "placementId"
             FROM grants g JOIN funding_lines f ON f.id = g.funding_line_id
            WHERE g.case_id = ANY($1::uuid[]) ORDER BY g.created_at, g.id`,
        )
      ).map(({ requestedCents, approvedCents, disbursedCents, ...row }) => ({
        ...row,
        requestedAmount: centsToEuros(requestedCents),
        approvedAmount: approvedCents === null ? null : centsToEuros(approvedCents),
        disbursedAmount: centsToEuros(disbursedCents),
        disbursements: disbursements.get(row.id) ?? [],
      })),
      'caseId',
    );

    return caseRows.map((row) => {
      const id = row.id as string;
      return {
        ...withIsoDates<CaseFields>(row),
        timeline: timeline.get(id) ?? [],
        interviews: interviews.get(id) ?? [],
        enrollments: enrollments.get(id) ?? [],
        internships: internships.get(id) ?? [],
        proposals: proposals.get(id) ?? [],
        placements: placements.get(id) ?? [],
        grants: grants.get(id) ?? [],
      };
    });
  }

  private async auditOf(manager: EntityManager, beneficiaryId: string): Promise<ExportedAuditEntryDto[]> {
    const entries = await manager.query<Array<Record<string, unknown>>>(
      `SELECT at, actor_id AS "actorId", actor_role AS "actorRole", action, entity_type AS "entityType",
              entity_id AS "entityId", details
         FROM audit_log WHERE beneficiary_id = $1 ORDER BY at, id`,
      [beneficiaryId],
    );
    return entries.map((entry) => withIsoDates<ExportedAuditEntryDto>(entry));
  }
}
