import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CaseState } from '../workflow/case-state.js';

/**
 * The transactional outbox and the case timeline in one table: an event is inserted in the same
 * transaction as the domain change, relayed to BullMQ, and marked applied by the engine, which also
 * writes the move it made (from/to) so the timeline shows what each event did.
 */
@Entity('case_events')
@Index('idx_case_events_case_sequence', ['caseId', 'sequence'])
export class CaseEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', insert: false, update: false })
  sequence: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'varchar', length: 60 })
  type: string;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @Column({ type: 'enum', enum: CaseState, enumName: 'case_status', nullable: true })
  fromState: CaseState | null;

  @Column({ type: 'enum', enum: CaseState, enumName: 'case_status', nullable: true })
  toState: CaseState | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  outcome: string | null;
}
