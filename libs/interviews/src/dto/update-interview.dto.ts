import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEnum, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { Triage } from '#app/cases';
import { IsText } from '#app/core';

export class UpdateInterviewDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Setting it records the interview as held (event interview.held)',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  heldAt?: string;

  @ApiPropertyOptional({ enum: Triage, description: 'out_of_target closes the case (redirected elsewhere)' })
  @IsOptional()
  @IsEnum(Triage)
  triage?: Triage;

  @IsText(10_000, { optional: true, description: 'Counsellor notes; never shown to companies' })
  notes?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  skills?: string[];

  @IsText(10_000, { optional: true })
  actionPlan?: string;
}
