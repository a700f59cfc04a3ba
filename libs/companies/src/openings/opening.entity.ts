import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OpeningContractType, OpeningStatus } from './opening.constant.js';

/**
 * A job a Board company offers. Check constraints keep hires within positions and `filled` exactly
 * when they are equal; idx_openings_skills is a GIN index on the lower-cased skills.
 */
@Entity('openings')
@Index('idx_openings_company_id', ['companyId'])
@Index('idx_openings_status_created_at', ['status', 'createdAt'])
@Index('idx_openings_created_by_id', ['createdById'])
export class OpeningEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  companyId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'int' })
  positions: number;

  /** Hired proposals so far; written only together with a hire. */
  @Column({ type: 'int', default: 0 })
  hires: number;

  @Column({ type: 'enum', enum: OpeningContractType, enumName: 'opening_contract_type' })
  contractType: OpeningContractType;

  @Column({ type: 'varchar', length: 100 })
  municipality: string;

  @Column({ type: 'date' })
  closesOn: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  skills: string[];

  @Column({
    type: 'enum',
    enum: OpeningStatus,
    enumName: 'opening_status',
    default: OpeningStatus.OPEN,
  })
  status: OpeningStatus;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
