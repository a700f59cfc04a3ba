import { ApiProperty } from '@nestjs/swagger';
import { Triage } from '#app/cases';
import type { InterviewEntity } from '../interview.entity.js';

export class InterviewResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  caseId: string;

  @ApiProperty()
  scheduledAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  heldAt: Date | null;

  @ApiProperty({ enum: Triage, nullable: true })
  triage: Triage | null;

  @ApiProperty({ nullable: true, type: String })
  notes: string | null;

  @ApiProperty({ type: [String] })
  skills: string[];

  @ApiProperty({ nullable: true, type: String })
  actionPlan: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(entity: InterviewEntity): InterviewResponseDto {
    return {
      id: entity.id,
      caseId: entity.caseId,
      scheduledAt: entity.scheduledAt,
      heldAt: entity.heldAt,
      triage: entity.triage,
      notes: entity.notes,
      skills: entity.skills,
      actionPlan: entity.actionPlan,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
