import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQueryDto } from '#app/core';

/** The spec promises "every event": an ordinary case's whole history fits in one page of the maximum size. */
export class TimelineQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  override limit: number = 100;
}
