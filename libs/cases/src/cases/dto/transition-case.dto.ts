import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsText } from '#app/core';
import { ALL_CASE_STATES } from '../../workflow/case-state.js';

export const TRANSITION_TARGETS = [...ALL_CASE_STATES, 'resume', 'close'] as const;

export class TransitionCaseDto {
  @ApiProperty({
    enum: TRANSITION_TARGETS,
    description:
      '`on_hold`, `closed` (or `close`), or `resume` (also accepted: the state the case was in before the hold)',
  })
  @IsIn(TRANSITION_TARGETS)
  to: (typeof TRANSITION_TARGETS)[number];

  @ApiPropertyOptional({
    description: 'For `closed`: dropped_out | moved_away | other. For on_hold/resume: a free note',
  })
  @IsText(500, { optional: true })
  reason?: string;
}
