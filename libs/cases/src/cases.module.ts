import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '#app/auth';
import { BeneficiariesModule } from '#app/beneficiaries';
import { MetricsModule } from '#app/metrics';
import { CaseEntity } from './cases/case.entity.js';
import { CasesController } from './cases/cases.controller.js';
import { CasesService } from './cases/cases.service.js';
import { CaseEventEntity } from './events/case-event.entity.js';
import { CaseEventsService } from './events/case-events.service.js';
import { OutboxWakerService } from './events/outbox-waker.service.js';
import { WorkflowEngineService } from './workflow/workflow-engine.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([CaseEntity, CaseEventEntity]),
    AuthModule,
    BeneficiariesModule,
    MetricsModule,
  ],
  controllers: [CasesController],
  providers: [CasesService, CaseEventsService, OutboxWakerService, WorkflowEngineService],
  exports: [CasesService, CaseEventsService, WorkflowEngineService],
})
export class CasesModule {}
