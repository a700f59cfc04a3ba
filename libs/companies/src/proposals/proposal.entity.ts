import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ProposalStatus } from './proposal.constant.js';

/**
 * A case proposed to an opening. One per case and opening (uq_proposals_opening_case); a check
 * constraint ties `hired` to the placement recorded with it.
 */
@Entity('proposals')
@Index('uq_proposals_opening_case', ['openingId', 'caseId'], { unique: true })
@Index('idx_proposals_opening_status', ['openingId', 'status'])
@Index('idx_proposals_case_id', ['caseId'])
@Index('uq_proposals_placement_id', ['placementId'], { unique: true })
@Index('idx_proposals_proposed_by_id', ['proposedById'])
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  openingId: string;

  @Column('uuid')
  caseId: string;

  /** The counsellor's presentation of the candidate: the company reads it. */
  @Column({ type: 'text' })
  note: string;

  @Column({
    type: 'enum',
    enum: ProposalStatus,
    enumName: 'proposal_status',
    default: ProposalStatus.PROPOSED,
  })
  status: ProposalStatus;

  /** The company's feedback after interviews. */
  @Column({ type: 'text', nullable: true })
  feedback: string | null;

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @Column({ type: 'uuid', nullable: true })
  proposedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
