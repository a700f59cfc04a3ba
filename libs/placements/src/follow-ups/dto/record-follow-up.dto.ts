import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsText } from '#app/core';

export class RecordFollowUpDto {
  @ApiProperty({ description: 'Whether the person is still in work at this follow-up' })
  @IsBoolean()
  employed: boolean;

  @IsText(5_000, { optional: true })
  notes?: string;
}
