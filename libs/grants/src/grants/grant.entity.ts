import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { bigintTransformer } from '#app/core';
import { GrantStatus } from './grant.constant.js';

/** A self-employment grant application, its decision, its payments total and the business it started. */
@Entity('grants')
@Unique('uq_grants_placement_id', ['placementId'])
@Index('idx_grants_case_id', ['caseId'])
@Index('idx_grants_funding_line_status', ['fundingLineId', 'status'])
@Index('idx_grants_status', ['status'])
@Index('idx_grants_decided_by_id', ['decidedById'])
@Index('idx_grants_created_by_id', ['createdById'])
export class GrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column('uuid')
  fundingLineId: string;

  @Column({ type: 'varchar', length: 200 })
  businessName: string;

  @Column({ type: 'varchar', length: 8 })
  atecoCode: string;

  @Column({ type: 'text' })
  planSummary: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  requestedCents: number;

  /** Set on approval; committed against the funding line at that moment. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  approvedCents: number | null;

  /** Running total of the disbursements ledger, written only while this row is locked. */
  @Column({ type: 'bigint', default: 0, transformer: bigintTransformer })
  disbursedCents: number;

  @Column({ type: 'enum', enum: GrantStatus, enumName: 'grant_status', default: GrantStatus.DRAFT })
  status: GrantStatus;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'date', nullable: true })
  businessStartedOn: string | null;

  @Column({ type: 'char', length: 11, nullable: true })
  vatNumber: string | null;

  /** The self-employment placement recorded when the business started. */
  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
