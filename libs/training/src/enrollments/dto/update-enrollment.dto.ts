import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty } from 'class-validator';
import { IsText } from '#app/core';
import { type EndedEnrollmentStatus, EnrollmentStatus } from '../enrollment.constant.js';

const ENDED_STATUSES: EndedEnrollmentStatus[] = [EnrollmentStatus.COMPLETED, EnrollmentStatus.DROPPED];

/** Ends an active enrollment; an ended one is final. */
export class UpdateEnrollmentDto {
  @ApiProperty({ enum: ENDED_STATUSES })
  @IsIn(ENDED_STATUSES)
  status: EndedEnrollmentStatus;

  @IsText(200, {
    optional: true,
    example: 'Forklift operator licence',
    description: 'The qualification gained; only with status completed',
  })
  @IsNotEmpty()
  qualification?: string;
}
