import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '#app/core';
import { OpeningStatus } from '../opening.constant.js';

export class ListOpeningsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: OpeningStatus, enumName: 'OpeningStatus' })
  @IsOptional()
  @IsEnum(OpeningStatus)
  status?: OpeningStatus;

  @ApiPropertyOptional({ description: 'One skill the opening asks for (case-insensitive, exact)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  skill?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  companyId?: string;
}
