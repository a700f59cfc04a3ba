import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { IsIsoDate } from '#app/core';
import { ReportFormat } from '../../reports.constant.js';

export class EsfIndicatorsQueryDto {
  @IsIsoDate({ description: 'First day of the window (included), in the programme time zone (Europe/Rome)' })
  from: string;

  @IsIsoDate({ description: 'Last day of the window (included)' })
  to: string;

  @ApiPropertyOptional({ enum: ReportFormat, default: ReportFormat.JSON })
  @IsOptional()
  @IsEnum(ReportFormat, { message: `format must be one of: ${Object.values(ReportFormat).join(', ')}` })
  format: ReportFormat = ReportFormat.JSON;
}
