import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

export class ScheduleInterviewDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-01T09:30:00Z' })
  @IsISO8601({ strict: true, strictSeparator: true })
  scheduledAt: string;
}
