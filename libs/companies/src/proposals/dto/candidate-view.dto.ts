import { ApiProperty } from '@nestjs/swagger';
import { Availability, availabilityOf, type CandidateRow, lastNameInitial } from '../candidate-view.js';
import { ProposalStatus } from '../proposal.constant.js';

/**
 * The only view of a candidate a company gets (SPEC 4): never the fiscal code, birth date, contact
 * data, address, disability, vulnerabilities, case or interview notes, nor the case or person ids.
 */
export class CandidateViewDto {
  @ApiProperty({ format: 'uuid', description: 'The proposal id (the candidate has no other id here)' })
  id: string;

  @ApiProperty({ enum: ProposalStatus, enumName: 'ProposalStatus' })
  status: ProposalStatus;

  @ApiProperty({ example: 'Maria' })
  firstName: string;

  @ApiProperty({ example: 'R.' })
  lastNameInitial: string;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 8, description: 'ISCED 2011 level' })
  educationLevel: number | null;

  @ApiProperty({ type: [String] })
  skills: string[];

  @ApiProperty({ type: [String] })
  languages: string[];

  @ApiProperty({
    enum: Availability,
    enumName: 'Availability',
    description:
      'From the case state: immediate (intake, orientation, job search), after_current_activity ' +
      '(training, internship, starting a business), not_available (placed, on hold, closed)',
  })
  availability: Availability;

  @ApiProperty({ description: "The counsellor's presentation of the candidate" })
  note: string;

  @ApiProperty({ type: String, nullable: true, description: "The company's feedback" })
  feedback: string | null;

  /** Picks the allowed fields one by one: a wider row can never widen the view. */
  static from(row: CandidateRow): CandidateViewDto {
    return {
      id: row.proposalId,
      status: row.status,
      firstName: row.firstName,
      lastNameInitial: lastNameInitial(row.lastName),
      educationLevel: row.educationLevel,
      skills: [...row.skills],
      languages: [...row.languages],
      availability: availabilityOf(row.caseStatus),
      note: row.note,
      feedback: row.feedback,
    };
  }
}
