import { ApiProperty } from '@nestjs/swagger';
import { ProposalStatus } from '../proposal.constant.js';
import type { ProposalEntity } from '../proposal.entity.js';

/** The proposal as staff see it (counsellor of the case, coordinators, admins); never for companies. */
export class ProposalResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  openingId: string;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ enum: ProposalStatus, enumName: 'ProposalStatus' })
  status: ProposalStatus;

  @ApiProperty()
  note: string;

  @ApiProperty({ type: String, nullable: true })
  feedback: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set when hired' })
  placementId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  proposedById: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(entity: ProposalEntity): ProposalResponseDto {
    return {
      id: entity.id,
      openingId: entity.openingId,
      caseId: entity.caseId,
      status: entity.status,
      note: entity.note,
      feedback: entity.feedback,
      placementId: entity.placementId,
      proposedById: entity.proposedById,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
