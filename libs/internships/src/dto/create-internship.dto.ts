import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDate, IsMoney, IsText } from '#app/core';

export class CreateInternshipDto {
  @ApiProperty({ format: 'uuid', description: 'The host company' })
  @IsUUID()
  companyId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An opening of the host company, if any' })
  @IsOptional()
  @IsUUID()
  openingId?: string;

  @IsIsoDate()
  startsOn: string;

  @IsIsoDate({ description: "The internship's last day" })
  endsOn: string;

  @IsMoney({ description: 'Euros a month, at most two decimals; the regional floor applies' })
  monthlyAllowance: number;

  @IsText(200, { example: 'Giulia Neri' })
  @IsNotEmpty()
  tutorName: string;
}
