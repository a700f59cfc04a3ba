import { IsIsoDate, IsMoney } from '#app/core';

export class CreateDisbursementDto {
  @IsMoney({ description: 'Euros paid in this tranche, at most two decimals' })
  amount: number;

  @IsIsoDate({ description: 'The day the payment was made' })
  paidOn: string;
}
