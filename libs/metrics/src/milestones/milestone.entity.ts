import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A threshold reached once; the unique constraint makes "exactly once" hold under any concurrency. */
@Entity('milestones')
@Unique('uq_milestones_metric_threshold', ['metric', 'threshold'])
export class MilestoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 80 })
  metric: string;

  @Column('int')
  threshold: number;

  @Column({ type: 'timestamptz' })
  reachedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @Column({ type: 'uuid', nullable: true })
  caseEventId: string | null;
}
