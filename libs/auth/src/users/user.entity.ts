import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '#app/core';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; the migration's unique index on lower(email) is what makes it unique under concurrency. */
  @Index('uq_users_email', { synchronize: false })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** Never loaded unless asked for, so no query path can leak it by accident. */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Index('idx_users_role')
  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role: Role;

  /** The company a `company` user acts for; no foreign key until the companies table exists. */
  @Index('idx_users_company_id')
  @Column({ type: 'uuid', nullable: true })
  companyId: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
