import { ApiProperty } from '@nestjs/swagger';
import type { FollowUpEntity } from '../follow-up.entity.js';
import { isOverdue } from '../follow-up-schedule.js';

export class FollowUpResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  placementId: string;

  @ApiProperty()
  caseId: string;

  @ApiProperty({ enum: [3, 6, 12] })
  monthsAfter: number;

  @ApiProperty({ format: 'date' })
  dueOn: string;

  @ApiProperty({ description: 'Past its due day and not recorded' })
  overdue: boolean;

  @ApiProperty({ nullable: true, type: Date })
  recordedAt: Date | null;

  @ApiProperty({ nullable: true, type: Boolean })
  employed: boolean | null;

  @ApiProperty({ nullable: true, type: String })
  notes: string | null;

  @ApiProperty({ nullable: true, type: String })
  recordedById: string | null;

  @ApiProperty()
  createdAt: Date;

  static from(entity: FollowUpEntity, today: string): FollowUpResponseDto {
    return {
      id: entity.id,
      placementId: entity.placementId,
      caseId: entity.caseId,
      monthsAfter: entity.monthsAfter,
      dueOn: entity.dueOn,
      overdue: isOverdue(entity, today),
      recordedAt: entity.recordedAt,
      employed: entity.employed,
      notes: entity.notes,
      recordedById: entity.recordedById,
      createdAt: entity.createdAt,
    };
  }
}
