import { ApiProperty } from '@nestjs/swagger';
import { ReminderKind } from '../reminder.constant.js';
import type { ReminderEntity } from '../reminder.entity.js';

export class ReminderResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: ReminderKind })
  kind: ReminderKind;

  @ApiProperty()
  caseId: string;

  @ApiProperty({ description: 'The follow-up, internship or case (by kind) the reminder is about' })
  subjectId: string;

  @ApiProperty()
  counsellorId: string;

  @ApiProperty({
    type: String,
    format: 'date',
    description: "The follow-up's due day, the internship's last day, or the day the case went inactive",
  })
  dueOn: string;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  readAt: Date | null;

  static from(entity: ReminderEntity): ReminderResponseDto {
    return {
      id: entity.id,
      kind: entity.kind,
      caseId: entity.caseId,
      subjectId: entity.subjectId,
      counsellorId: entity.counsellorId,
      dueOn: entity.dueOn,
      createdAt: entity.createdAt,
      readAt: entity.readAt,
    };
  }
}
