import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsOmittable } from '#app/beneficiaries';
import { IsText } from '#app/core';
import { IsTodayOrLater } from '../../validation/decorators.js';
import { OpeningContractType } from '../opening.constant.js';

export class CreateOpeningDto {
  @IsText(200, { example: 'Magazziniere con patentino muletto' })
  @IsNotEmpty()
  title: string;

  @IsText(10_000)
  @IsNotEmpty()
  description: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 2 })
  @IsInt()
  @Min(1)
  @Max(1000)
  positions: number;

  @ApiProperty({ enum: OpeningContractType, enumName: 'OpeningContractType' })
  @IsEnum(OpeningContractType)
  contractType: OpeningContractType;

  @IsText(100, { example: 'Bologna' })
  @IsNotEmpty()
  municipality: string;

  @IsTodayOrLater({ description: 'Last day candidates may be proposed; not in the past' })
  closesOn: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 50,
    example: ['forklift', 'warehouse'],
    description: 'Stored lower-cased; the ?skill= filter matches them case-insensitively',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  skills?: string[];
}
