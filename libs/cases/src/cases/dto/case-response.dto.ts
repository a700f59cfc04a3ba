import { ApiProperty } from '@nestjs/swagger';
import { CaseState } from '../../workflow/case-state.js';
import type { CaseEntity } from '../case.entity.js';

export class CaseResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  beneficiaryId: string;

  @ApiProperty()
  counsellorId: string;

  @ApiProperty({ enum: CaseState, description: 'Current workflow state, moved only by the engine' })
  status: CaseState;

  @ApiProperty({ enum: CaseState, nullable: true, description: 'Where a case on hold resumes' })
  statusBeforeHold: CaseState | null;

  @ApiProperty({ nullable: true, type: String, example: 'dropped_out' })
  closedReason: string | null;

  @ApiProperty()
  openedAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  placedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  closedAt: Date | null;

  @ApiProperty()
  lastActivityAt: Date;

  @ApiProperty()
  version: number;

  static from(entity: CaseEntity): CaseResponseDto {
    return {
      id: entity.id,
      beneficiaryId: entity.beneficiaryId,
      counsellorId: entity.counsellorId,
      status: entity.status,
      statusBeforeHold: entity.statusBeforeHold,
      closedReason: entity.closedReason,
      openedAt: entity.openedAt,
      placedAt: entity.placedAt,
      closedAt: entity.closedAt,
      lastActivityAt: entity.lastActivityAt,
      version: entity.version,
    };
  }
}
