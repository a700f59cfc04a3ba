import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ReminderKind } from './reminder.constant.js';

@Entity('reminders')
@Unique('uq_reminders_kind_subject_due', ['kind', 'subjectId', 'dueOn'])
@Index('idx_reminders_counsellor_read_at', ['counsellorId', 'readAt'])
@Index('idx_reminders_case_id', ['caseId'])
export class ReminderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The case's counsellor when the sweep ran. */
  @Column('uuid')
  counsellorId: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'enum', enum: ReminderKind, enumName: 'reminder_kind' })
  kind: ReminderKind;

  /** The follow-up, internship or case (by kind) the reminder is about. */
  @Column('uuid')
  subjectId: string;

  /** The follow-up's due day, the internship's last day, or the day the case went inactive. */
  @Column({ type: 'date' })
  dueOn: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
