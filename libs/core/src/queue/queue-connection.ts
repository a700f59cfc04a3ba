import {
  type ConnectionOptions,
  createPostgresBackend,
  type PostgresPoolConfig,
  type RedisOptions,
  setDefaultBackendFactory,
} from 'bullmq';
import type { AppConfig } from '../config/app-config.js';
import { redisOptions } from './redis-connection.js';

/** The PostgreSQL schema holding BullMQ's tables when the queues live in PostgreSQL. */
export const QUEUE_SCHEMA = 'bullmq';

/**
 * The connection every Queue and Worker of this process uses: Redis options, or the PostgreSQL
 * database itself when QUEUE_BACKEND is postgres. `redisOverrides` tune the Redis client only.
 *
 * BullMQ picks its backend process-wide, not per connection, so the backend is selected here, where
 * every connection is built: no Queue or Worker can pair a PostgreSQL connection with the Redis
 * backend. (Nest's registered queues are built from the root options, themselves built here.)
 */
export function queueConnection(config: AppConfig, redisOverrides: RedisOptions = {}): ConnectionOptions {
  if (config.values.QUEUE_BACKEND === 'redis') {
    setDefaultBackendFactory();
    return redisOptions(config.redisUrl, redisOverrides);
  }
  setDefaultBackendFactory(createPostgresBackend);
  const postgres: PostgresPoolConfig = {
    connectionString: config.databaseUrl,
    schema: QUEUE_SCHEMA,
    // One advisory-locked migration per schema version: the first connection up migrates, the rest
    // find the ledger current. Worker processes started alone therefore need no separate step.
    migrate: true,
  };
  return postgres;
}
