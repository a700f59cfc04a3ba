import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '#app/core';
import { InternshipStatus } from './internship.constant.js';

@Entity('internships')
@Index('idx_internships_case_id', ['caseId'])
@Index('idx_internships_company_status_dates', ['companyId', 'status', 'startsOn', 'endsOn'])
@Index('idx_internships_opening_id', ['openingId'])
@Index('idx_internships_created_by_id', ['createdById'])
export class InternshipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column('uuid')
  companyId: string;

  @Column({ type: 'uuid', nullable: true })
  openingId: string | null;

  /** Calendar days as `YYYY-MM-DD`; endsOn is the internship's last day. */
  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  monthlyAllowanceCents: number;

  @Column({ type: 'varchar', length: 200 })
  tutorName: string;

  @Column({
    type: 'enum',
    enum: InternshipStatus,
    enumName: 'internship_status',
    default: InternshipStatus.ACTIVE,
  })
  status: InternshipStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  outcome: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
