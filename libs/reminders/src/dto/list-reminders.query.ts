import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { PaginationQueryDto } from '#app/core';

/** Query strings carry text; only the two spellings of a boolean are accepted, anything else is a 400. */
function toBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export class ListRemindersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'true: only unread; false: only read; absent: all' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Coordinators and admins: one counsellor's reminders. A counsellor sees only their own.",
  })
  @IsOptional()
  @IsUUID()
  counsellorId?: string;
}
