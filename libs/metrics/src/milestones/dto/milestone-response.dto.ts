import { ApiProperty } from '@nestjs/swagger';
import type { MilestoneEntity } from '../milestone.entity.js';

export class MilestoneResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ example: 'placements' })
  metric: string;

  @ApiProperty({ example: 1000 })
  threshold: number;

  @ApiProperty()
  reachedAt: Date;

  @ApiProperty({ nullable: true, type: String, description: 'The placement that crossed the threshold' })
  placementId: string | null;

  static from(entity: MilestoneEntity): MilestoneResponseDto {
    return {
      id: entity.id,
      metric: entity.metric,
      threshold: entity.threshold,
      reachedAt: entity.reachedAt,
      placementId: entity.placementId,
    };
  }
}
