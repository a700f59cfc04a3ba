import { ApiProperty } from '@nestjs/swagger';
import { centsToEuros } from '#app/core';
import { GrantStatus } from '../grant.constant.js';
import type { GrantEntity } from '../grant.entity.js';

export class GrantResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  caseId: string;

  @ApiProperty()
  fundingLineId: string;

  @ApiProperty()
  businessName: string;

  @ApiProperty()
  atecoCode: string;

  @ApiProperty()
  planSummary: string;

  @ApiProperty({ description: 'Euros' })
  requestedAmount: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Euros; set on approval' })
  approvedAmount: number | null;

  @ApiProperty({ description: 'Euros paid so far (sum of the disbursements)' })
  disbursedAmount: number;

  @ApiProperty({ enum: GrantStatus })
  status: GrantStatus;

  @ApiProperty({ type: Date, nullable: true })
  submittedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  decidedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  decidedById: string | null;

  @ApiProperty({ type: String, nullable: true })
  rejectionReason: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  businessStartedOn: string | null;

  @ApiProperty({ type: String, nullable: true })
  vatNumber: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The self-employment placement' })
  placementId: string | null;

  @ApiProperty({ type: String, nullable: true })
  createdById: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(entity: GrantEntity): GrantResponseDto {
    return {
      id: entity.id,
      caseId: entity.caseId,
      fundingLineId: entity.fundingLineId,
      businessName: entity.businessName,
      atecoCode: entity.atecoCode,
      planSummary: entity.planSummary,
      requestedAmount: centsToEuros(entity.requestedCents),
      approvedAmount: entity.approvedCents === null ? null : centsToEuros(entity.approvedCents),
      disbursedAmount: centsToEuros(entity.disbursedCents),
      status: entity.status,
      submittedAt: entity.submittedAt,
      decidedAt: entity.decidedAt,
      decidedById: entity.decidedById,
      rejectionReason: entity.rejectionReason,
      businessStartedOn: entity.businessStartedOn,
      vatNumber: entity.vatNumber,
      placementId: entity.placementId,
      createdById: entity.createdById,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
