import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, Max, Min } from 'class-validator';
import { IsIsoDate, IsText } from '#app/core';
import { IsAtecoCode, IsVatNumber } from '#app/core';

export class CreateCompanyDto {
  @IsText(200, { example: 'Officine Meccaniche Felsinee S.r.l.' })
  @IsNotEmpty()
  name: string;

  @IsVatNumber()
  vatNumber: string;

  @IsAtecoCode()
  atecoCode: string;

  @IsText(100, { example: 'Bologna' })
  @IsNotEmpty()
  municipality: string;

  @ApiProperty({ minimum: 0, example: 42, description: 'Head count; it sets the internship quota' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  employees: number;

  @IsIsoDate({ description: 'The day the company joined the Board' })
  boardMemberSince: string;
}
