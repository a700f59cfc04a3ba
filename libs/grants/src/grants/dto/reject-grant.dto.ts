import { IsNotEmpty } from 'class-validator';
import { IsText } from '#app/core';

export class RejectGrantDto {
  @IsText(2_000, { description: 'Why the application is refused; shown to the counsellor' })
  @IsNotEmpty()
  reason: string;
}
