import { ApiProperty } from '@nestjs/swagger';
import { BeneficiaryResponseDto } from './beneficiary-response.dto.js';

export const EXPORT_FORMAT = 'placement-export/v1';

export class ExportedCaseEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'interview.held' })
  type: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId: string | null;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ type: String, nullable: true })
  fromState: string | null;

  @ApiProperty({ type: String, nullable: true })
  toState: string | null;
}

export class ExportedInterviewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  scheduledAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  heldAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  triage: string | null;

  @ApiProperty({ type: String, nullable: true })
  notes: string | null;

  @ApiProperty({ type: [String] })
  skills: string[];

  @ApiProperty({ type: String, nullable: true })
  actionPlan: string | null;
}

export class ExportedEnrollmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  courseId: string;

  @ApiProperty()
  courseTitle: string;

  @ApiProperty({ example: 'completed' })
  status: string;

  @ApiProperty({ type: String, nullable: true })
  qualification: string | null;

  @ApiProperty({ format: 'date-time' })
  enrolledAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt: string | null;
}

export class ExportedInternshipDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  companyId: string;

  @ApiProperty()
  companyName: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  openingId: string | null;

  @ApiProperty({ format: 'date' })
  startsOn: string;

  @ApiProperty({ format: 'date' })
  endsOn: string;

  @ApiProperty({ description: 'Euros' })
  monthlyAllowance: number;

  @ApiProperty()
  tutorName: string;

  @ApiProperty({ example: 'active' })
  status: string;

  @ApiProperty({ type: String, nullable: true })
  outcome: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt: string | null;
}

export class ExportedProposalDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  openingId: string;

  @ApiProperty()
  openingTitle: string;

  @ApiProperty({ format: 'uuid' })
  companyId: string;

  @ApiProperty()
  companyName: string;

  @ApiProperty({ description: "The counsellor's presentation note, as the company saw it" })
  note: string;

  @ApiProperty({ example: 'hired' })
  status: string;

  @ApiProperty({ type: String, nullable: true, description: "The company's feedback" })
  feedback: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  placementId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ExportedFollowUpDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: [3, 6, 12] })
  monthsAfter: number;

  @ApiProperty({ format: 'date' })
  dueOn: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  recordedAt: string | null;

  @ApiProperty({ type: Boolean, nullable: true })
  employed: boolean | null;

  @ApiProperty({ type: String, nullable: true })
  notes: string | null;
}

export class ExportedPlacementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  companyId: string | null;

  @ApiProperty({ type: String, nullable: true })
  companyName: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  openingId: string | null;

  @ApiProperty({ example: 'permanent' })
  contractType: string;

  @ApiProperty({ example: 'new' })
  kind: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  extendsPlacementId: string | null;

  @ApiProperty({ format: 'date' })
  startsOn: string;

  @ApiProperty({ type: Number, nullable: true })
  hoursPerWeek: number | null;

  @ApiProperty({ example: 'proposal' })
  source: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: [ExportedFollowUpDto] })
  followUps: ExportedFollowUpDto[];
}

export class ExportedDisbursementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Euros' })
  amount: number;

  @ApiProperty({ format: 'date' })
  paidOn: string;
}

export class ExportedGrantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  fundingLineId: string;

  @ApiProperty({ example: 'BO4.4.8.1.a' })
  fundingLineCode: string;

  @ApiProperty()
  businessName: string;

  @ApiProperty({ example: '14.13.10' })
  atecoCode: string;

  @ApiProperty()
  planSummary: string;

  @ApiProperty({ description: 'Euros' })
  requestedAmount: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Euros' })
  approvedAmount: number | null;

  @ApiProperty({ description: 'Euros' })
  disbursedAmount: number;

  @ApiProperty({ example: 'approved' })
  status: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  rejectionReason: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  businessStartedOn: string | null;

  @ApiProperty({ type: String, nullable: true })
  vatNumber: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  placementId: string | null;

  @ApiProperty({ type: [ExportedDisbursementDto] })
  disbursements: ExportedDisbursementDto[];
}

export class ExportedCaseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  counsellorId: string;

  @ApiProperty({ example: 'placed' })
  status: string;

  @ApiProperty({ type: String, nullable: true })
  closedReason: string | null;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  placedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;

  @ApiProperty({ type: [ExportedCaseEventDto], description: 'Every event, oldest first' })
  timeline: ExportedCaseEventDto[];

  @ApiProperty({ type: [ExportedInterviewDto] })
  interviews: ExportedInterviewDto[];

  @ApiProperty({ type: [ExportedEnrollmentDto] })
  enrollments: ExportedEnrollmentDto[];

  @ApiProperty({ type: [ExportedInternshipDto] })
  internships: ExportedInternshipDto[];

  @ApiProperty({ type: [ExportedProposalDto] })
  proposals: ExportedProposalDto[];

  @ApiProperty({ type: [ExportedPlacementDto] })
  placements: ExportedPlacementDto[];

  @ApiProperty({ type: [ExportedGrantDto] })
  grants: ExportedGrantDto[];
}

export class ExportedAuditEntryDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'counsellor' })
  actorRole: string | null;

  @ApiProperty({ example: 'read' })
  action: string;

  @ApiProperty({ example: 'beneficiary' })
  entityType: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  entityId: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details: Record<string, unknown>;
}

/** Everything held on one person (GDPR art. 15 access, art. 20 portability), machine-readable. */
export class BeneficiaryExportDto {
  @ApiProperty({ enum: [EXPORT_FORMAT], description: 'Name and version of this document format' })
  format: typeof EXPORT_FORMAT;

  @ApiProperty({ format: 'date-time' })
  exportedAt: string;

  @ApiProperty({
    description:
      'True for admins and coordinators: every case and the audit log. A counsellor gets the cases ' +
      'assigned to them and no audit log, as everywhere else in the API.',
  })
  complete: boolean;

  @ApiProperty({ type: BeneficiaryResponseDto })
  beneficiary: BeneficiaryResponseDto;

  @ApiProperty({ type: [ExportedCaseDto], description: 'Oldest first, each with everything recorded in it' })
  cases: ExportedCaseDto[];

  @ApiProperty({
    type: [ExportedAuditEntryDto],
    nullable: true,
    description: 'Who read or changed the record and when, oldest first; null when not complete',
  })
  audit: ExportedAuditEntryDto[] | null;
}
