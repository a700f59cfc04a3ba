import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '#app/core';

/** One payment of a grant: an append-only ledger whose sum is kept on the grant and its funding line. */
@Entity('disbursements')
@Index('idx_disbursements_grant_paid_on', ['grantId', 'paidOn'])
@Index('idx_disbursements_recorded_by_id', ['recordedById'])
export class DisbursementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  grantId: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountCents: number;

  @Column({ type: 'date' })
  paidOn: string;

  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
