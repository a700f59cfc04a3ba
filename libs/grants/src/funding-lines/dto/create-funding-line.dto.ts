import { IsNotEmpty } from 'class-validator';
import { IsMoney, IsText } from '#app/core';
import { IsCup } from '../cup.js';

export class CreateFundingLineDto {
  @IsText(50, {
    pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
    example: 'BO4.4.8.1.a',
    description: "The programme's code for the line; unique",
  })
  @IsNotEmpty()
  code: string;

  @IsText(200, { example: 'Self-employment support, metropolitan city of Bologna' })
  @IsNotEmpty()
  name: string;

  @IsText(50, { example: 'FSE+', description: 'The fund paying for the line' })
  @IsNotEmpty()
  fund: string;

  @IsCup()
  cup: string;

  @IsMoney({ description: 'Euros programmed on the line, at most two decimals' })
  programmedAmount: number;
}
