import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsUUID } from 'class-validator';
import { IsAtecoCode, IsMoney, IsText } from '#app/core';

export class CreateGrantDto {
  @IsText(200, { example: 'Sartoria Rossi' })
  @IsNotEmpty()
  businessName: string;

  @IsAtecoCode({ description: 'ATECO activity code of the business (62, 62.0, 62.01, 62.01.00)' })
  atecoCode: string;

  @IsText(10_000, { description: 'The business plan in short' })
  @IsNotEmpty()
  planSummary: string;

  @IsMoney({ description: 'Euros requested, at most two decimals' })
  requestedAmount: number;

  @ApiProperty({ format: 'uuid', description: 'The funding line the grant is charged to' })
  @IsUUID()
  fundingLineId: string;
}
