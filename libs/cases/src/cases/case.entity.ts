import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CaseState } from '../workflow/case-state.js';

@Entity('cases')
@Index('uq_cases_open_per_beneficiary', ['beneficiaryId'], { unique: true, where: `status <> 'closed'` })
@Index('idx_cases_counsellor_status_opened_at', ['counsellorId', 'status', 'openedAt', 'id'])
@Index('idx_cases_status_opened_at', ['status', 'openedAt', 'id'])
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  beneficiaryId: string;

  @Column('uuid')
  counsellorId: string;

  /** Written only by the workflow engine. */
  @Column({ type: 'enum', enum: CaseState, enumName: 'case_status', default: CaseState.INTAKE })
  status: CaseState;

  @Column({ type: 'enum', enum: CaseState, enumName: 'case_status', nullable: true })
  statusBeforeHold: CaseState | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  closedReason: string | null;

  @Column({ type: 'timestamptz' })
  openedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  placedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz' })
  lastActivityAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  inactivityFlaggedAt: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
