import { BullModule } from '@nestjs/bullmq';
import { Module, type OnModuleInit } from '@nestjs/common';
import { CasesModule, WorkflowRelayModule } from '#app/cases';
import {
  ConfigModule,
  DatabaseModule,
  LoggingModule,
  QueueModule,
  QueueName,
  SchedulerJob,
  WorkflowJob,
} from '#app/core';
import { RemindersModule } from '#app/reminders';
import { assertHandlers } from './processors/assert-handlers.js';
import { JobSchedulersService } from './processors/job-schedulers.service.js';
import { QueueWorkersService } from './processors/queue-workers.service.js';
import { SchedulerProcessor } from './processors/scheduler.processor.js';
import { WorkflowProcessor } from './processors/workflow.processor.js';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    BullModule.registerQueue({ name: QueueName.WORKFLOW }, { name: QueueName.SCHEDULER }),
    CasesModule,
    WorkflowRelayModule,
    RemindersModule,
  ],
  providers: [WorkflowProcessor, SchedulerProcessor, QueueWorkersService, JobSchedulersService],
})
export class WorkerModule implements OnModuleInit {
  constructor(
    private readonly workflow: WorkflowProcessor,
    private readonly scheduler: SchedulerProcessor,
  ) {}

  onModuleInit(): void {
    assertHandlers(QueueName.WORKFLOW, Object.values(WorkflowJob), this.workflow.handlers);
    assertHandlers(QueueName.SCHEDULER, Object.values(SchedulerJob), this.scheduler.handlers);
  }
}
