import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, Max, Min, ValidateNested } from 'class-validator';
import { IsOmittable } from '#app/beneficiaries';
import { IsIsoDate, IsText } from '#app/core';
import { type ContractType, EMPLOYMENT_CONTRACT_TYPES, MAX_HOURS_PER_WEEK } from '#app/placements';
import { type DecidedProposalStatus, ProposalStatus } from '../proposal.constant.js';

const DECIDED_STATUSES: DecidedProposalStatus[] = [
  ProposalStatus.INTERVIEWING,
  ProposalStatus.HIRED,
  ProposalStatus.REJECTED,
];

/** The contract a hire records as a placement. */
export class HirePlacementDto {
  @ApiProperty({ enum: EMPLOYMENT_CONTRACT_TYPES })
  @IsIn(EMPLOYMENT_CONTRACT_TYPES, {
    message: `contractType must be one of: ${EMPLOYMENT_CONTRACT_TYPES.join(', ')}`,
  })
  contractType: ContractType;

  @IsIsoDate({ description: 'First day of the contract' })
  startsOn: string;

  @ApiProperty({ minimum: 0.1, maximum: MAX_HOURS_PER_WEEK, example: 38.5 })
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 },
    { message: 'hoursPerWeek must be a number with at most one decimal' },
  )
  @Min(0.1, { message: 'hoursPerWeek must be greater than 0' })
  @Max(MAX_HOURS_PER_WEEK)
  hoursPerWeek: number;
}

export class UpdateProposalDto {
  @ApiPropertyOptional({
    enum: DECIDED_STATUSES,
    description: 'proposed -> interviewing|hired|rejected; interviewing -> hired|rejected',
  })
  @IsOmittable()
  @IsIn(DECIDED_STATUSES)
  status?: DecidedProposalStatus;

  @IsText(4000, { optional: true, description: "The company's feedback on the candidate" })
  feedback?: string;

  @ApiPropertyOptional({
    type: HirePlacementDto,
    description: 'Required with status hired, refused otherwise: the contract, recorded as a placement',
  })
  @IsOmittable()
  @ValidateNested()
  @Type(() => HirePlacementDto)
  placement?: HirePlacementDto;
}
