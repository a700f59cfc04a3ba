import { ApiProperty } from '@nestjs/swagger';

/** Common output indicators (Reg. (EU) 2021/1057, Annex I point 1): participants = cases opened in the window. */
export class EsfParticipantsDto {
  @ApiProperty({ description: 'Cases opened in the window (a person counts once per case)' })
  total: number;

  @ApiProperty() women: number;
  @ApiProperty() men: number;
  @ApiProperty() nonBinary: number;

  @ApiProperty({ description: 'Unemployed, including long-term unemployed' })
  unemployed: number;

  @ApiProperty() longTermUnemployed: number;
  @ApiProperty() inactive: number;

  @ApiProperty({ description: 'Employed, including self-employed' })
  employed: number;

  @ApiProperty({ description: 'Below 18 years of age at entry' })
  under18: number;

  @ApiProperty({ description: '18 to 29 years of age at entry' })
  age18to29: number;

  @ApiProperty({ description: '55 years of age and above at entry' })
  age55plus: number;

  @ApiProperty({ description: 'ISCED 0-2' }) isced0to2: number;
  @ApiProperty({ description: 'ISCED 3-4' }) isced3to4: number;
  @ApiProperty({ description: 'ISCED 5-8' }) isced5to8: number;

  @ApiProperty() disability: number;

  @ApiProperty({ description: 'Citizenship of no EU Member State' })
  thirdCountNationals: number;
}

/** Common result indicators (Annex I points 3 and 4) for the participants of the window who have left. */
export class EsfResultsDto {
  @ApiProperty({ description: 'EECR01' }) engagedInJobSearching: number;
  @ApiProperty({ description: 'EECR02' }) inEducationOrTraining: number;
  @ApiProperty({ description: 'EECR03' }) gainingQualification: number;
  @ApiProperty({ description: 'EECR04' }) inEmploymentIncludingSelfEmployment: number;
  @ApiProperty({ description: 'EECR05, from the +6-month follow-ups' })
  inEmploymentSixMonthsAfterLeaving: number;
}

export class EsfIndicatorsDto {
  @ApiProperty({ example: '2024-01-01' })
  from: string;

  @ApiProperty({ example: '2024-12-31' })
  to: string;

  @ApiProperty({ type: EsfParticipantsDto })
  participants: EsfParticipantsDto;

  @ApiProperty({ type: EsfResultsDto })
  results: EsfResultsDto;
}
