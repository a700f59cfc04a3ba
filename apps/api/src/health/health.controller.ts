import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppConfig, Public } from '#app/core';
import { PostgresQueueHealthIndicator } from './queue.health.js';
import { RedisHealthIndicator } from './redis.health.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly postgresQueue: PostgresQueueHealthIndicator,
    private readonly config: AppConfig,
  ) {}

  /**
   * 200 when PostgreSQL and the queues' store answer (`redis`, or `queue` when the queues live in
   * PostgreSQL), 503 otherwise (API writes still work while the queues are down).
   */
  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      this.config.values.QUEUE_BACKEND === 'postgres'
        ? () => this.postgresQueue.isHealthy('queue')
        : () => this.redis.isHealthy('redis'),
    ]);
  }
}
