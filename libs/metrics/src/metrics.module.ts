import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MetricCounterEntity } from './counters/metric-counter.entity.js';
import { MetricsController } from './counters/metrics.controller.js';
import { MetricsService } from './counters/metrics.service.js';
import { MilestoneEntity } from './milestones/milestone.entity.js';
import { MilestonesController } from './milestones/milestones.controller.js';
import { MilestonesService } from './milestones/milestones.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([MetricCounterEntity, MilestoneEntity])],
  controllers: [MetricsController, MilestonesController],
  providers: [MetricsService, MilestonesService],
  exports: [MetricsService, MilestonesService],
})
export class MetricsModule {}
