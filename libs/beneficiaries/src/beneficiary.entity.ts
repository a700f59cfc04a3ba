import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import {
  BeneficiaryGender,
  EmploymentStatus,
  ReferralSource,
  type Vulnerability,
} from './beneficiary.constant.js';

/**
 * A person served by the programme. Name searches use the expression indexes
 * idx_beneficiaries_last_name / idx_beneficiaries_first_name on lower(...) text_pattern_ops,
 * which only the migration can express.
 */
@Entity('beneficiaries')
export class Beneficiary {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  firstName: string;

  @Column({ type: 'varchar', length: 100 })
  lastName: string;

  @Index('uq_beneficiaries_fiscal_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  fiscalCode: string;

  /** A calendar day, kept as `YYYY-MM-DD` so no time zone can shift it. */
  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'enum', enum: BeneficiaryGender, enumName: 'beneficiary_gender', nullable: true })
  gender: BeneficiaryGender | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  municipality: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2, nullable: true })
  citizenship: string | null;

  /** ISCED 0-8 (a check constraint holds the range). */
  @Column({ type: 'smallint', nullable: true })
  educationLevel: number | null;

  @Column({ type: 'enum', enum: EmploymentStatus, enumName: 'employment_status', nullable: true })
  employmentStatus: EmploymentStatus | null;

  @Column({ type: 'boolean', default: false })
  disability: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  vulnerabilities: Vulnerability[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ type: 'enum', enum: ReferralSource, enumName: 'referral_source', nullable: true })
  referralSource: ReferralSource | null;

  @Column({ type: 'timestamptz' })
  privacyConsentAt: Date;

  @Index('idx_beneficiaries_created_by_id')
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  /** Set when the personal data was pseudonymised (GDPR art. 17); the row stays for the counts. */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  /** Bumped by every update (TypeORM adds `version = version + 1` to UPDATE statements). */
  @VersionColumn({ type: 'integer', default: 1 })
  version: number;

  @Index('idx_beneficiaries_created_at')
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
