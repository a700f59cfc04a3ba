import { ApiProperty } from '@nestjs/swagger';

export class MetricsResponseDto {
  @ApiProperty({ description: 'Contracts recorded (jobs and businesses started), each counted once' })
  placements: number;

  @ApiProperty({ description: 'Distinct people with at least one placement' })
  peoplePlaced: number;

  @ApiProperty()
  interviewsHeld: number;

  @ApiProperty()
  internshipsStarted: number;

  @ApiProperty()
  enrollmentsCompleted: number;

  @ApiProperty({ description: 'Grants that received at least one disbursement' })
  grantsDisbursed: number;

  @ApiProperty({ description: 'Euros disbursed in all' })
  grantsDisbursedAmount: number;

  @ApiProperty({ description: 'Cases in each workflow state', example: { intake: 3, orientation: 1 } })
  casesByState: Record<string, number>;
}
