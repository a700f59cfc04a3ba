import { IsIsoDate, IsVatNumber } from '#app/core';

export class BusinessStartedDto {
  @IsIsoDate({ description: 'The day the business started; the self-employment placement starts on it' })
  startedOn: string;

  @IsVatNumber({ description: "The new business's partita IVA: 11 digits with a valid check digit" })
  vatNumber: string;
}
