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

/**
 * A budget line of the programme (e.g. FSE+ priority 4.4.8.1.a). `committedCents` and `disbursedCents`
 * are running totals of the approved grants and of their disbursements, written only while this row is
 * locked, so reads are O(1) and the budget checks see every concurrent commitment.
 */
@Entity('funding_lines')
@Unique('uq_funding_lines_code', ['code'])
@Index('idx_funding_lines_created_by_id', ['createdById'])
export class FundingLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 50 })
  fund: string;

  @Column({ type: 'char', length: 15 })
  cup: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  programmedCents: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintTransformer })
  committedCents: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintTransformer })
  disbursedCents: number;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
