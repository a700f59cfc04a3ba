import { ApiProperty } from '@nestjs/swagger';
import { centsToEuros } from '#app/core';
import type { FundingLineEntity } from '../funding-line.entity.js';
import { remainingCents } from '../funding-line-budget.js';

export class FundingLineResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ example: 'BO4.4.8.1.a' })
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'FSE+' })
  fund: string;

  @ApiProperty({ example: 'F31D23000140007' })
  cup: string;

  @ApiProperty({ description: 'Euros programmed' })
  programmedAmount: number;

  @ApiProperty({ description: 'Euros approved on grants charged to the line' })
  committedAmount: number;

  @ApiProperty({ description: 'Euros paid out on those grants' })
  disbursedAmount: number;

  @ApiProperty({ description: 'Euros still free for new approvals: programmed minus committed' })
  remainingAmount: number;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(entity: FundingLineEntity): FundingLineResponseDto {
    return {
      id: entity.id,
      code: entity.code,
      name: entity.name,
      fund: entity.fund,
      cup: entity.cup,
      programmedAmount: centsToEuros(entity.programmedCents),
      committedAmount: centsToEuros(entity.committedCents),
      disbursedAmount: centsToEuros(entity.disbursedCents),
      remainingAmount: centsToEuros(remainingCents(entity)),
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
