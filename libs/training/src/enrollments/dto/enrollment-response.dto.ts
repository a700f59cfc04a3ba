import { ApiProperty } from '@nestjs/swagger';
import { EnrollmentStatus } from '../enrollment.constant.js';
import type { EnrollmentEntity } from '../enrollment.entity.js';

export class EnrollmentResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  courseId: string;

  @ApiProperty()
  caseId: string;

  @ApiProperty({ enum: EnrollmentStatus })
  status: EnrollmentStatus;

  @ApiProperty({ nullable: true, type: String })
  qualification: string | null;

  @ApiProperty()
  enrolledAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  endedAt: Date | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(entity: EnrollmentEntity): EnrollmentResponseDto {
    return {
      id: entity.id,
      courseId: entity.courseId,
      caseId: entity.caseId,
      status: entity.status,
      qualification: entity.qualification,
      enrolledAt: entity.enrolledAt,
      endedAt: entity.endedAt,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
