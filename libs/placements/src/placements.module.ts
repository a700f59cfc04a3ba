import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '#app/cases';
import { FollowUpEntity } from './follow-ups/follow-up.entity.js';
import { FollowUpsController } from './follow-ups/follow-ups.controller.js';
import { FollowUpsService } from './follow-ups/follow-ups.service.js';
import { PlacementEntity } from './placements/placement.entity.js';
import { PlacementsController } from './placements/placements.controller.js';
import { PlacementsService } from './placements/placements.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PlacementEntity, FollowUpEntity]), CasesModule],
  controllers: [PlacementsController, FollowUpsController],
  providers: [PlacementsService, FollowUpsService],
  exports: [PlacementsService, FollowUpsService],
})
export class PlacementsModule {}
