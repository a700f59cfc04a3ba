import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { ALL_CASE_STATES, isActive } from '#app/cases';
import { type Actor, AppConfig, type Page, PROGRAMME_TIME_ZONE, seesEverything, toPage } from '#app/core';
import { FOLLOW_UP_HORIZON_DAYS, INTERNSHIP_HORIZON_DAYS, ReminderKind } from './reminder.constant.js';
import { ReminderEntity } from './reminder.entity.js';
import { ReminderException, ReminderExceptionCode } from './reminder.exception.js';
import type { ListRemindersQueryDto } from './dto/list-reminders.query.js';
import type { UpdateReminderDto } from './dto/update-reminder.dto.js';

const ACTIVE_STATES = ALL_CASE_STATES.filter(isActive);

/**
 * Every sweep is one set-based statement ending in `ON CONFLICT DO NOTHING` on (kind, subject, due day):
 * a sweep run twice, retried after a crash, or run by two replicas at once creates each reminder once.
 */
const INSERT_REMINDERS = `INSERT INTO reminders (counsellor_id, case_id, kind, subject_id, due_on)`;
const SKIP_EXISTING = `ON CONFLICT ON CONSTRAINT uq_reminders_kind_subject_due DO NOTHING RETURNING id`;

@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ReminderEntity) private readonly reminders: Repository<ReminderEntity>,
    private readonly config: AppConfig,
  ) {}

  /** Unrecorded follow-ups due from `today` to `horizonDays` later; answers how many reminders it created. */
  async followUpsComingDue(today: string, horizonDays = FOLLOW_UP_HORIZON_DAYS): Promise<number> {
    return this.insert(
      `${INSERT_REMINDERS}
       SELECT c.counsellor_id, f.case_id, $3::reminder_kind, f.id, f.due_on
       FROM follow_ups f JOIN cases c ON c.id = f.case_id
       WHERE f.recorded_at IS NULL AND f.due_on BETWEEN $1::date AND $1::date + $2::int
       ${SKIP_EXISTING}`,
      [today, horizonDays, ReminderKind.FOLLOW_UP_DUE],
    );
  }

  /** Unrecorded follow-ups whose day is before `today`. */
  async followUpsOverdue(today: string): Promise<number> {
    return this.insert(
      `${INSERT_REMINDERS}
       SELECT c.counsellor_id, f.case_id, $2::reminder_kind, f.id, f.due_on
       FROM follow_ups f JOIN cases c ON c.id = f.case_id
       WHERE f.recorded_at IS NULL AND f.due_on < $1::date
       ${SKIP_EXISTING}`,
      [today, ReminderKind.FOLLOW_UP_OVERDUE],
    );
  }

  /**
   * Flags active cases with no event for `days` and reminds their counsellor, in one statement so a
   * case is flagged and reminded together or not at all. The engine clears the flag with the next event.
   * SKIP LOCKED leaves a case that a concurrent sweep is flagging, or that the engine is updating, to
   * them; the row lock re-checks the conditions on the latest row, so an event committed meanwhile wins.
   * The reminder's day is the day the case went inactive: a later idle spell (after new activity) is
   * another day, hence another reminder.
   */
  async inactiveCases(now: Date = new Date(), days = this.config.values.INACTIVITY_DAYS): Promise<number> {
    return this.insert(
      `WITH idle AS (
         SELECT id FROM cases
         WHERE status = ANY($3::case_status[])
           AND inactivity_flagged_at IS NULL
           AND last_activity_at < $1::timestamptz - make_interval(days => $2::int)
         ORDER BY id
         FOR NO KEY UPDATE SKIP LOCKED
       ), flagged AS (
         UPDATE cases c SET inactivity_flagged_at = $1::timestamptz
         FROM idle WHERE c.id = idle.id
         RETURNING c.id, c.counsellor_id, c.last_activity_at
       )
       ${INSERT_REMINDERS}
       SELECT counsellor_id, id, $4::reminder_kind, id,
              ((last_activity_at + make_interval(days => $2::int)) AT TIME ZONE $5)::date
       FROM flagged
       ${SKIP_EXISTING}`,
      [now, days, ACTIVE_STATES, ReminderKind.CASE_INACTIVE, PROGRAMME_TIME_ZONE],
    );
  }

  /** Active internships whose last day falls from `today` to `horizonDays` later. */
  async internshipsEnding(today: string, horizonDays = INTERNSHIP_HORIZON_DAYS): Promise<number> {
    return this.insert(
      `${INSERT_REMINDERS}
       SELECT c.counsellor_id, i.case_id, $3::reminder_kind, i.id, i.ends_on
       FROM internships i JOIN cases c ON c.id = i.case_id
       WHERE i.status = 'active' AND i.ends_on BETWEEN $1::date AND $1::date + $2::int
       ${SKIP_EXISTING}`,
      [today, horizonDays, ReminderKind.INTERNSHIP_ENDING],
    );
  }

  /** Counsellors list their own reminders; coordinators and admins everyone's. Most pressing first. */
  async list(query: ListRemindersQueryDto, actor: Actor): Promise<Page<ReminderEntity>> {
    const qb = this.reminders.createQueryBuilder('r');
    if (!seesEverything(actor)) qb.andWhere('r.counsellorId = :actorId', { actorId: actor.id });
    if (query.counsellorId)
      qb.andWhere('r.counsellorId = :counsellorId', { counsellorId: query.counsellorId });
    if (query.unread !== undefined) qb.andWhere(query.unread ? 'r.readAt IS NULL' : 'r.readAt IS NOT NULL');
    const [items, total] = await qb
      .orderBy('r.dueOn', 'ASC')
      .addOrderBy('r.createdAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return toPage(items, total, query);
  }

  /** Only the counsellor a reminder is for may mark it; for anyone else it does not exist. */
  async update(id: string, dto: UpdateReminderDto, actor: Actor): Promise<ReminderEntity> {
    const reminder = await this.reminders.findOneBy({ id, counsellorId: actor.id });
    if (!reminder) throw new ReminderException(ReminderExceptionCode.NOT_FOUND, `Reminder ${id} not found`);
    reminder.readAt = dto.read ? (reminder.readAt ?? new Date()) : null;
    return this.reminders.save(reminder);
  }

  private async insert(sql: string, parameters: unknown[]): Promise<number> {
    const created = await this.dataSource.query<unknown[]>(sql, parameters);
    return created.length;
  }
}
