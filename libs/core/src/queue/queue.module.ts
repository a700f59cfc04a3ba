import { BullModule } from '@nestjs/bullmq';
import { Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { QUEUE_SCHEMA, queueConnection } from './queue-connection.js';

/**
 * BullMQ loses jobs silently when Redis evicts keys under memory pressure; the outbox would republish
 * them, but late. Say so loudly at boot rather than find out in production. Queues kept in PostgreSQL
 * have no eviction to fear.
 */
@Injectable()
export class RedisPolicyCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Redis');

  constructor(private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.values.QUEUE_BACKEND === 'postgres') {
      this.logger.log(`BullMQ queues are kept in PostgreSQL (schema "${QUEUE_SCHEMA}"), not Redis`);
      return;
    }
    const redis = new Redis(this.config.redisUrl, {
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
    });
    try {
      await redis.connect();
      const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
      if (policy !== 'noeviction') {
        this.logger.error(
          `Redis maxmemory-policy is "${policy}", not "noeviction": BullMQ jobs may be evicted. Set maxmemory-policy noeviction.`,
        );
      }
    } catch (error) {
      this.logger.warn(
        { err: error },
        'Could not read Redis maxmemory-policy (Redis down, or CONFIG disabled)',
      );
    } finally {
      redis.disconnect();
    }
  }
}

@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: queueConnection(config),
        prefix: config.values.QUEUE_PREFIX,
      }),
    }),
  ],
  providers: [RedisPolicyCheck],
})
export class QueueModule {}
