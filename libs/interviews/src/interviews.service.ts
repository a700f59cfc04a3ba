import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { CaseEventsService, CaseEventType, CasesService, CaseState } from '#app/cases';
import { type Actor, type Page, type PaginationQueryDto, preparedQuery, toPage } from '#app/core';
import { InterviewEntity } from './interview.entity.js';
import { InterviewException, InterviewExceptionCode } from './interview.exception.js';
import type { ScheduleInterviewDto } from './dto/schedule-interview.dto.js';
import type { UpdateInterviewDto } from './dto/update-interview.dto.js';

/** Tolerates a counsellor's clock running slightly ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The columns of an interview under their entity names. Scheduling, reading and editing an interview
 * are plain parameterised SQL, one statement each where the rules allow (docs/DECISIONS.md, "API hot
 * paths").
 */
const INTERVIEW_COLUMNS = `interviews.id, interviews.case_id AS "caseId",
  interviews.scheduled_at AS "scheduledAt", interviews.held_at AS "heldAt", interviews.triage,
  interviews.notes, interviews.skills, interviews.action_plan AS "actionPlan",
  interviews.created_by_id AS "createdById", interviews.created_at AS "createdAt",
  interviews.updated_at AS "updatedAt"`;

/** The column each editable field is stored in. */
const COLUMN_OF = {
  notes: 'notes',
  skills: 'skills',
  actionPlan: 'action_plan',
  heldAt: 'held_at',
  triage: 'triage',
} as const satisfies Record<keyof UpdateInterviewDto, string>;

type InterviewChanges = { [field in keyof UpdateInterviewDto]?: UpdateInterviewDto[field] | Date };

/** Why recording `heldAt` or the triage was refused, as the statement answers it. */
enum Refusal {
  ALREADY_HELD = 'already_held',
  TRIAGE_FINAL = 'triage_final',
}

const REFUSALS: Record<Refusal, string> = {
  [Refusal.ALREADY_HELD]: 'This interview was already recorded as held',
  [Refusal.TRIAGE_FINAL]: 'The triage of a held interview is final',
};

type HoldRow = InterviewEntity & { refusal: Refusal | null; events: number };

@Injectable()
export class InterviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(InterviewEntity) private readonly interviews: Repository<InterviewEntity>,
    private readonly cases: CasesService,
    private readonly events: CaseEventsService,
  ) {}

  async schedule(caseId: string, dto: ScheduleInterviewDto, actor: Actor): Promise<InterviewEntity> {
    const found = await this.cases.findVisibleOrFail(caseId, actor);
    if (found.status === CaseState.CLOSED) {
      throw new InterviewException(InterviewExceptionCode.CASE_CLOSED, 'The case is closed');
    }
    const [scheduled] = await preparedQuery<InterviewEntity>(
      this.dataSource,
      `INSERT INTO interviews (case_id, scheduled_at, created_by_id) VALUES ($1, $2, $3)
       RETURNING ${INTERVIEW_COLUMNS}`,
      [caseId, new Date(dto.scheduledAt), actor.id],
    );
    return scheduled;
  }

  async listForCase(caseId: string, query: PaginationQueryDto, actor: Actor): Promise<Page<InterviewEntity>> {
    await this.cases.findVisibleOrFail(caseId, actor);
    const [items, total] = await this.interviews.findAndCount({
      where: { caseId },
      order: { scheduledAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  /** The interview if the caller may see its case; 404 otherwise, so its existence does not leak. */
  async findVisibleOrFail(id: string, actor: Actor): Promise<InterviewEntity> {
    const params: unknown[] = [id];
    const [interview] = await preparedQuery<InterviewEntity>(
      this.dataSource,
      `SELECT ${INTERVIEW_COLUMNS} FROM interviews JOIN cases ON cases.id = interviews.case_id
       WHERE interviews.id = $1 AND ${this.cases.visibleTo(actor, params)}`,
      params,
    );
    if (!interview) throw this.notFound(id);
    return interview;
  }

  /**
   * Notes, skills and the action plan are one UPDATE. Recording `heldAt` or the triage is one statement
   * too, its own transaction: it locks the interview and its case, checks the rules on the locked row,
   * writes only if they pass, and records the `interview.held` event in the outbox when the interview
   * becomes held. Under load an API write waits mostly for its round trips (docs/DECISIONS.md).
   */
  async update(id: string, dto: UpdateInterviewDto, actor: Actor): Promise<InterviewEntity> {
    if (dto.heldAt === undefined && dto.triage === undefined) return this.write(id, dto, actor);
    if (dto.heldAt && new Date(dto.heldAt).getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new InterviewException(InterviewExceptionCode.HELD_IN_FUTURE, 'heldAt cannot be in the future');
    }
    const params: unknown[] = [id];
    const visible = this.cases.visibleTo(actor, params);
    const heldAt = `$${params.push(dto.heldAt === undefined ? null : new Date(dto.heldAt))}::timestamptz`;
    const triage = `$${params.push(dto.triage ?? null)}::interview_triage`;
    const assignments = this.assignments(
      { ...dto, heldAt: dto.heldAt === undefined ? undefined : new Date(dto.heldAt) },
      params,
    );
    const event = `SELECT saved."caseId", $${params.push(CaseEventType.INTERVIEW_HELD)}::varchar,
        jsonb_build_object('interviewId', saved.id, 'triage', saved.triage),
        $${params.push(actor.id)}::uuid, $${params.push(new Date())}::timestamptz
      FROM saved, checked WHERE checked.becomes_held`;
    const [row] = await preparedQuery<HoldRow>(
      this.dataSource,
      `WITH target AS (
         SELECT interviews.id, interviews.held_at, interviews.triage
         FROM interviews JOIN cases ON cases.id = interviews.case_id
         WHERE interviews.id = $1 AND ${visible}
         FOR UPDATE OF interviews, cases),
       checked AS (
         SELECT id, CASE
             WHEN ${heldAt} IS NOT NULL AND held_at IS NOT NULL AND held_at <> ${heldAt} THEN '${Refusal.ALREADY_HELD}'
             WHEN ${triage} IS NOT NULL AND held_at IS NOT NULL AND triage IS DISTINCT FROM ${triage}
               THEN '${Refusal.TRIAGE_FINAL}'
           END AS refusal,
           ${heldAt} IS NOT NULL AND held_at IS NULL AS becomes_held
         FROM target),
       saved AS (
         UPDATE interviews SET ${assignments}, updated_at = now() FROM checked
         WHERE interviews.id = checked.id AND checked.refusal IS NULL
         RETURNING ${INTERVIEW_COLUMNS}),
       held AS (${this.events.insertSql(event)})
       SELECT checked.refusal, (SELECT count(*)::int FROM held) AS events, saved.*
       FROM checked LEFT JOIN saved ON true`,
      params,
    );
    if (!row) throw this.notFound(id);
    const { refusal, events, ...saved } = row;
    if (refusal) throw new InterviewException(InterviewExceptionCode.ALREADY_HELD, REFUSALS[refusal]);
    if (events) this.events.written(this.dataSource.manager);
    return saved;
  }

  /** Writes the fields present in `changes` to an interview the caller may see; 404 otherwise. */
  private async write(id: string, changes: InterviewChanges, actor: Actor): Promise<InterviewEntity> {
    const params: unknown[] = [id];
    const assignments = this.assignments(changes, params);
    // An empty edit changes nothing, not even updated_at.
    if (!assignments) return this.findVisibleOrFail(id, actor);
    const [saved] = await preparedQuery<InterviewEntity>(
      this.dataSource,
      `UPDATE interviews SET ${assignments}, updated_at = now() FROM cases
       WHERE interviews.id = $1 AND cases.id = interviews.case_id AND ${this.cases.visibleTo(actor, params)}
       RETURNING ${INTERVIEW_COLUMNS}`,
      params,
    );
    if (!saved) throw this.notFound(id);
    return saved;
  }

  /** `column = $n` for each field present in `changes`, its value appended to `params`. */
  private assignments(changes: InterviewChanges, params: unknown[]): string {
    return Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => `${COLUMN_OF[field as keyof UpdateInterviewDto]} = $${params.push(value)}`)
      .join(', ');
  }

  private notFound(id: string): InterviewException {
    return new InterviewException(InterviewExceptionCode.NOT_FOUND, `Interview ${id} not found`);
  }
}
