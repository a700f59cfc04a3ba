import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OpeningStatus, type SettableOpeningStatus } from '../opening.constant.js';
import { CreateOpeningDto } from './create-opening.dto.js';

const SETTABLE_STATUSES: SettableOpeningStatus[] = [OpeningStatus.OPEN, OpeningStatus.CLOSED];

/** Edits any field, closes (`status: closed`) or reopens; `filled` follows from hires and positions. */
export class UpdateOpeningDto extends PartialType(CreateOpeningDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ enum: SETTABLE_STATUSES })
  @IsOptional()
  @IsIn(SETTABLE_STATUSES)
  status?: SettableOpeningStatus;
}
