import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertSchemaCompatibility } from 'bullmq';
import type { DataSource } from 'typeorm';
import { QUEUE_SCHEMA } from '#app/core';

/**
 * Queues kept in PostgreSQL (QUEUE_BACKEND=postgres) live in the application's own database: they are
 * up when BullMQ's schema is there and this BullMQ can use it, one read of its migration ledger.
 */
@Injectable()
export class PostgresQueueHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      const schemaVersion = await assertSchemaCompatibility(
        { query: async (text, params) => ({ rows: await this.dataSource.query(text, params as unknown[]) }) },
        QUEUE_SCHEMA,
      );
      return indicator.up({ backend: 'postgres', schemaVersion });
    } catch (error) {
      return indicator.down({
        backend: 'postgres',
        message: error instanceof Error ? error.message : 'unreachable',
      });
    }
  }
}
