import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsNumber, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { IsIsoDate } from '#app/core';
import {
  type ContractType,
  EMPLOYMENT_CONTRACT_TYPES,
  MAX_HOURS_PER_WEEK,
  PlacementKind,
} from '../placement.constant.js';

export class CreatePlacementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  companyId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An opening of that company' })
  @IsOptional()
  @IsUUID()
  openingId?: string;

  @ApiProperty({
    enum: EMPLOYMENT_CONTRACT_TYPES,
    description: 'self_employment is recorded by a grant business start, not here',
  })
  @IsIn(EMPLOYMENT_CONTRACT_TYPES, {
    message: `contractType must be one of: ${EMPLOYMENT_CONTRACT_TYPES.join(', ')}`,
  })
  contractType: ContractType;

  @ApiPropertyOptional({ enum: PlacementKind, default: PlacementKind.NEW })
  @IsOptional()
  @IsEnum(PlacementKind)
  kind?: PlacementKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required for an extension or a conversion: the contract of this case it continues',
  })
  @ValidateIf((dto: CreatePlacementDto) => (dto.kind ?? PlacementKind.NEW) !== PlacementKind.NEW)
  @IsUUID()
  extendsPlacementId?: string;

  @IsIsoDate({ description: 'First day of the contract' })
  startsOn: string;

  @ApiProperty({ minimum: 0.1, maximum: MAX_HOURS_PER_WEEK, example: 38.5 })
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 },
    { message: 'hoursPerWeek must be a number with at most one decimal' },
  )
  @Min(0.1, { message: 'hoursPerWeek must be greater than 0' })
  @Max(MAX_HOURS_PER_WEEK)
  hoursPerWeek: number;
}
