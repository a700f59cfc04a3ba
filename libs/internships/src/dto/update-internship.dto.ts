import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsText } from '#app/core';
import { type EndedInternshipStatus, InternshipStatus } from '../internship.constant.js';

const ENDED_STATUSES: EndedInternshipStatus[] = [InternshipStatus.COMPLETED, InternshipStatus.INTERRUPTED];

/** Ends an active internship; an ended one is final. */
export class UpdateInternshipDto {
  @ApiProperty({ enum: ENDED_STATUSES })
  @IsIn(ENDED_STATUSES)
  status: EndedInternshipStatus;

  @IsText(500, { optional: true, example: 'Completed; the company plans to hire in the autumn' })
  outcome?: string;
}
