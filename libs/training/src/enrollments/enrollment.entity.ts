import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { EnrollmentStatus } from './enrollment.constant.js';

@Entity('enrollments')
@Index('uq_enrollments_active_case_course', ['caseId', 'courseId'], {
  unique: true,
  where: `status = 'active'`,
})
@Index('idx_enrollments_course_status', ['courseId', 'status'])
@Index('idx_enrollments_case_status', ['caseId', 'status'])
@Index('idx_enrollments_created_by_id', ['createdById'])
export class EnrollmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  courseId: string;

  @Column('uuid')
  caseId: string;

  @Column({
    type: 'enum',
    enum: EnrollmentStatus,
    enumName: 'enrollment_status',
    default: EnrollmentStatus.ACTIVE,
  })
  status: EnrollmentStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  qualification: string | null;

  @Column({ type: 'timestamptz' })
  enrolledAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
