import { ApiProperty } from '@nestjs/swagger';
import { centsToEuros } from '#app/core';
import type { DisbursementEntity } from '../disbursement.entity.js';

export class DisbursementResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  grantId: string;

  @ApiProperty({ description: 'Euros' })
  amount: number;

  @ApiProperty({ type: String, format: 'date' })
  paidOn: string;

  @ApiProperty({ type: String, nullable: true })
  recordedById: string | null;

  @ApiProperty()
  createdAt: Date;

  static from(entity: DisbursementEntity): DisbursementResponseDto {
    return {
      id: entity.id,
      grantId: entity.grantId,
      amount: centsToEuros(entity.amountCents),
      paidOn: entity.paidOn,
      recordedById: entity.recordedById,
      createdAt: entity.createdAt,
    };
  }
}
