import { Role } from '#app/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What was done to a record; a closed set so the log can be filtered reliably. */
export enum AuditAction {
  READ = 'read',
  CREATE = 'create',
  UPDATE = 'update',
  EXPORT = 'export',
  ERASE = 'erase',
  IMPORT = 'import',
}

/** Details hold facts about the action (field names, counts, reasons), never personal values. */
export type AuditDetailValue = string | number | boolean | null | string[];
export type AuditDetails = Record<string, AuditDetailValue>;

/** Append-only: rows are inserted with the change they describe and never updated or deleted. */
@Entity('audit_log')
@Index('idx_audit_log_beneficiary_at', ['beneficiaryId', 'at'])
@Index('idx_audit_log_actor_at', ['actorId', 'at'])
export class AuditLog {
  /** bigint arrives from pg as a string: it may exceed Number.MAX_SAFE_INTEGER. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index('idx_audit_log_at')
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role', nullable: true })
  actorRole: Role | null;

  @Column({ type: 'varchar', length: 40 })
  action: AuditAction;

  @Column({ type: 'varchar', length: 40 })
  entityType: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ type: 'uuid', nullable: true })
  beneficiaryId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: AuditDetails;

  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId: string | null;
}
