import { ApiProperty } from '@nestjs/swagger';
import { CaseState } from '../../workflow/case-state.js';
import type { CaseEventEntity } from '../../events/case-event.entity.js';

export class CaseEventResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ description: 'Order of the event within the whole system' })
  sequence: number;

  @ApiProperty({ example: 'interview.held' })
  type: string;

  @ApiProperty({ type: Object })
  payload: Record<string, unknown>;

  @ApiProperty({ nullable: true, type: String, description: 'User who caused the event' })
  actorId: string | null;

  @ApiProperty()
  occurredAt: Date;

  @ApiProperty({ nullable: true, type: Date, description: 'When the engine applied it; null while pending' })
  appliedAt: Date | null;

  @ApiProperty({ enum: CaseState, nullable: true })
  fromState: CaseState | null;

  @ApiProperty({ enum: CaseState, nullable: true, description: 'Null when the event moved nothing' })
  toState: CaseState | null;

  @ApiProperty({ nullable: true, type: String })
  outcome: string | null;

  static from(entity: CaseEventEntity): CaseEventResponseDto {
    return {
      id: entity.id,
      sequence: Number(entity.sequence),
      type: entity.type,
      payload: entity.payload,
      actorId: entity.actorId,
      occurredAt: entity.occurredAt,
      appliedAt: entity.appliedAt,
      fromState: entity.fromState,
      toState: entity.toState,
      outcome: entity.outcome,
    };
  }
}

export class TransitionAcceptedDto {
  @ApiProperty({ description: 'The event that the engine will apply' })
  eventId: string;

  @ApiProperty({ enum: CaseState })
  from: CaseState;

  @ApiProperty({ enum: CaseState })
  to: CaseState;
}
