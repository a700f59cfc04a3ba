import { BullModule } from '@nestjs/bullmq';
import { Module, type OnModuleInit } from '@nestjs/common';
import { CasesModule, WorkflowRelayModule } from '#app/cases';
import { ConfigModule, DatabaseModule, LoggingModule, QueueModule, QueueName, WorkflowJob } from '#app/core';
import { assertHandlers } from './processors/assert-handlers.js';
import { QueueWorkersService } from './processors/queue-workers.service.js';
import { WorkflowProcessor } from './processors/workflow.processor.js';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    BullModule.registerQueue({ name: QueueName.WORKFLOW }),
    CasesModule,
    WorkflowRelayModule,
  ],
  providers: [WorkflowProcessor, QueueWorkersService],
})
export class WorkerModule implements OnModuleInit {
  constructor(private readonly workflow: WorkflowProcessor) {}

  onModuleInit(): void {
    assertHandlers(QueueName.WORKFLOW, Object.values(WorkflowJob), this.workflow.handlers);
  }
}
