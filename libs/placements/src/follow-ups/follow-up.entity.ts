import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('follow_ups')
@Index('uq_follow_ups_placement_months', ['placementId', 'monthsAfter'], { unique: true })
@Index('idx_follow_ups_case_id', ['caseId'])
@Index('idx_follow_ups_due_on', ['dueOn'])
@Index('idx_follow_ups_recorded_by_id', ['recordedById'])
export class FollowUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  placementId: string;

  /** Copied from the placement so lists scope by the case's counsellor with one join. */
  @Column('uuid')
  caseId: string;

  @Column({ type: 'smallint' })
  monthsAfter: number;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ type: 'boolean', nullable: true })
  employed: boolean | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
