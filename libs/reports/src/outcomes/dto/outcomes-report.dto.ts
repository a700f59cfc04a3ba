import { ApiProperty } from '@nestjs/swagger';
import { OutcomeGroupBy } from '../outcome-grouping.js';

export class TriageCountsDto {
  @ApiProperty() ready_for_placement: number;
  @ApiProperty() needs_training: number;
  @ApiProperty() out_of_target: number;
}

export class ContractTypeCountsDto {
  @ApiProperty() permanent: number;
  @ApiProperty() fixed_term: number;
  @ApiProperty() apprenticeship: number;
  @ApiProperty() temporary_agency: number;
  @ApiProperty() other: number;
  @ApiProperty() self_employment: number;
}

export class PlacementKindCountsDto {
  @ApiProperty() new: number;
  @ApiProperty() extension: number;
  @ApiProperty() conversion: number;
}

export class RetentionDto {
  @ApiProperty({ description: 'Follow-ups due in the window and recorded' })
  recorded: number;

  @ApiProperty({ description: 'Of those, the person was employed' })
  employed: number;

  @ApiProperty({ type: Number, nullable: true, description: 'employed / recorded, 4 decimals' })
  rate: number | null;
}

/**
 * Every measure of the outcomes report (docs/reports.md defines each). A measure is null where it does not
 * apply to the grouping (a company has no intakes) or has nothing to divide by.
 */
export class OutcomeMeasuresDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Cases opened in the window' })
  intakes: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Orientation interviews held in the window' })
  interviewsHeld: number | null;

  @ApiProperty({ type: TriageCountsDto, nullable: true, description: 'Interviews held, by triage' })
  triage: TriageCountsDto | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Contracts starting in the window (every kind)' })
  placements: number | null;

  @ApiProperty({ type: ContractTypeCountsDto, nullable: true })
  placementsByContractType: ContractTypeCountsDto | null;

  @ApiProperty({ type: PlacementKindCountsDto, nullable: true })
  placementsByKind: PlacementKindCountsDto | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Distinct people with a contract starting in the window',
  })
  peoplePlaced: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Cases opened in the window that reached a placement',
  })
  placedIntakes: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'placedIntakes / intakes, 4 decimals' })
  placementRate: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Median days from the first held interview to the start of the first contract, over cases first placed in the window',
  })
  medianDaysToPlacement: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Cases behind medianDaysToPlacement' })
  timedPlacements: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Internships starting in the window' })
  internshipsStarted: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Of those, the intern later signed with the host company',
  })
  internshipsHired: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'internshipsHired / internshipsStarted, 4 decimals',
  })
  internshipConversionRate: number | null;

  @ApiProperty({ type: RetentionDto, nullable: true, description: '+6-month follow-ups due in the window' })
  retention6Months: RetentionDto | null;

  @ApiProperty({ type: RetentionDto, nullable: true, description: '+12-month follow-ups due in the window' })
  retention12Months: RetentionDto | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Distinct companies with a contract starting in the window',
  })
  companiesHiring: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Companies that joined the Board in the window' })
  newCompanies: number | null;
}

export class OutcomeGroupDto extends OutcomeMeasuresDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'YYYY-MM, a counsellor or company id, a track or a referral source; null for "none recorded"',
  })
  key: string | null;

  @ApiProperty({ example: 'Giulia Rossi' })
  label: string;
}

export class OutcomesReportDto {
  @ApiProperty({ example: '2024-01-01' })
  from: string;

  @ApiProperty({ example: '2024-06-30' })
  to: string;

  @ApiProperty({ enum: OutcomeGroupBy })
  groupBy: OutcomeGroupBy;

  @ApiProperty({ type: OutcomeMeasuresDto })
  totals: OutcomeMeasuresDto;

  @ApiProperty({ type: OutcomeGroupDto, isArray: true })
  groups: OutcomeGroupDto[];
}
