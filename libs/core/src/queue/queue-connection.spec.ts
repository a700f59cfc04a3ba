import { afterEach, describe, expect, it } from '@jest/globals';
import {
  createPostgresBackend,
  createRedisBackend,
  getDefaultBackendFactory,
  setDefaultBackendFactory,
} from 'bullmq';
import { AppConfig, ConfigValidationError } from '../config/app-config.js';
import { QUEUE_SCHEMA, queueConnection } from './queue-connection.js';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/placement';
const REDIS_URL = 'redis://127.0.0.1:6379';

describe('queueConnection', () => {
  afterEach(() => setDefaultBackendFactory());

  it('gives Redis options, with the overrides, and the Redis backend by default', () => {
    setDefaultBackendFactory(createPostgresBackend);
    const connection = queueConnection(new AppConfig({ REDIS_URL }), { enableOfflineQueue: false });

    expect(connection).toEqual({ url: REDIS_URL, maxRetriesPerRequest: null, enableOfflineQueue: false });
    expect(getDefaultBackendFactory()).toBe(createRedisBackend);
  });

  it('points the queues at the application database, in a schema of their own, when QUEUE_BACKEND is postgres', () => {
    const connection = queueConnection(new AppConfig({ DATABASE_URL, QUEUE_BACKEND: 'postgres' }), {
      enableOfflineQueue: false,
    });

    expect(connection).toEqual({ connectionString: DATABASE_URL, schema: QUEUE_SCHEMA, migrate: true });
    expect(getDefaultBackendFactory()).toBe(createPostgresBackend);
  });
});

describe('AppConfig queue settings', () => {
  it('is embedded only when neither DATABASE_URL nor REDIS_URL is set', () => {
    expect(new AppConfig({}).embedded).toBe(true);
    expect(new AppConfig({ DATABASE_URL }).embedded).toBe(false);
    expect(new AppConfig({ REDIS_URL }).embedded).toBe(false);
  });

  it('keeps the queues in Redis unless told otherwise', () => {
    expect(new AppConfig({}).values.QUEUE_BACKEND).toBe('redis');
  });

  it('refuses QUEUE_BACKEND=postgres beside a REDIS_URL, which it would silently ignore', () => {
    expect(() => new AppConfig({ QUEUE_BACKEND: 'postgres', REDIS_URL })).toThrow(ConfigValidationError);
  });

  it('reads the embedded settings with their defaults', () => {
    expect(new AppConfig({}).values).toMatchObject({ EMBEDDED_DATA_DIR: '.data', DEMO_SIZE: 3000 });
    expect(new AppConfig({}).values.EMBEDDED_PG_PORT).toBeUndefined();
    expect(new AppConfig({ EMBEDDED_PG_PORT: '6543' }).values.EMBEDDED_PG_PORT).toBe(6543);
    expect(() => new AppConfig({ EMBEDDED_PG_PORT: '70000' })).toThrow(ConfigValidationError);
  });
});
