import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, QueueName, queueConnection } from '#app/core';
import { OutboxRelayService, RELAY_QUEUE } from './events/outbox-relay.service.js';

/**
 * The outbox relay, for processes that publish to BullMQ (the worker); the API never talks to the queues.
 * Its queue has a connection of its own that fails fast when Redis is down, instead of buffering
 * commands while the relay holds outbox row locks (the processors' connection must keep waiting).
 */
@Module({
  providers: [
    {
      provide: RELAY_QUEUE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new Queue(QueueName.WORKFLOW, {
          prefix: config.values.QUEUE_PREFIX,
          connection: queueConnection(config, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
        }),
    },
    OutboxRelayService,
  ],
  exports: [OutboxRelayService],
})
export class WorkflowRelayModule implements OnApplicationShutdown {
  constructor(@Inject(RELAY_QUEUE) private readonly queue: Queue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
