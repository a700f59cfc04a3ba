import type { RedisOptions } from 'bullmq';

/** BullMQ connection options for a redis:// URL; workers need `maxRetriesPerRequest: null`. */
export function redisOptions(redisUrl: string, overrides: RedisOptions = {}): RedisOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, ...overrides };
}
