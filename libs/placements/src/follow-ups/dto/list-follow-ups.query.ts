import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDate, PaginationQueryDto } from '#app/core';

export enum FollowUpStatus {
  OPEN = 'open',
  RECORDED = 'recorded',
  ALL = 'all',
}

export class ListFollowUpsQueryDto extends PaginationQueryDto {
  @IsIsoDate({ optional: true, description: 'Follow-ups due on or before this day; default today' })
  due?: string;

  @ApiPropertyOptional({ enum: FollowUpStatus, default: FollowUpStatus.OPEN })
  @IsOptional()
  @IsEnum(FollowUpStatus)
  status?: FollowUpStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}
