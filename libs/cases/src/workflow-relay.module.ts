import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig, QueueName, redisOptions } from '#app/core';
import { OutboxRelayService } from './events/outbox-relay.service.js';

/**
 * The outbox relay, for processes that publish to BullMQ (the worker); the API never talks to Redis.
 * Its queue fails fast when Redis is down instead of buffering commands while it holds outbox row locks.
 */
@Module({
  imports: [
    BullModule.registerQueueAsync({
      name: QueueName.WORKFLOW,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
      }),
    }),
  ],
  providers: [OutboxRelayService],
  exports: [OutboxRelayService],
})
export class WorkflowRelayModule {}
