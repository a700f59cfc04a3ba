import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Triage } from '#app/cases';

@Entity('interviews')
@Index('idx_interviews_case_id', ['caseId'])
@Index('idx_interviews_held_at', ['heldAt'])
export class InterviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'timestamptz' })
  scheduledAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  @Column({ type: 'enum', enum: Triage, enumName: 'interview_triage', nullable: true })
  triage: Triage | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  skills: string[];

  @Column({ type: 'text', nullable: true })
  actionPlan: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
