import { ApiProperty } from '@nestjs/swagger';
import { centsToEuros } from '#app/core';
import { InternshipStatus } from '../internship.constant.js';
import type { InternshipEntity } from '../internship.entity.js';

export class InternshipResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  caseId: string;

  @ApiProperty()
  companyId: string;

  @ApiProperty({ nullable: true, type: String })
  openingId: string | null;

  @ApiProperty({ format: 'date' })
  startsOn: string;

  @ApiProperty({ format: 'date' })
  endsOn: string;

  @ApiProperty({ description: 'Euros a month' })
  monthlyAllowance: number;

  @ApiProperty()
  tutorName: string;

  @ApiProperty({ enum: InternshipStatus })
  status: InternshipStatus;

  @ApiProperty({ nullable: true, type: String })
  outcome: string | null;

  @ApiProperty({ nullable: true, type: Date })
  endedAt: Date | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(entity: InternshipEntity): InternshipResponseDto {
    return {
      id: entity.id,
      caseId: entity.caseId,
      companyId: entity.companyId,
      openingId: entity.openingId,
      startsOn: entity.startsOn,
      endsOn: entity.endsOn,
      monthlyAllowance: centsToEuros(entity.monthlyAllowanceCents),
      tutorName: entity.tutorName,
      status: entity.status,
      outcome: entity.outcome,
      endedAt: entity.endedAt,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
