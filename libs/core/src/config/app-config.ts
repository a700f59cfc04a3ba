import { z } from 'zod';
import { BYTE_SIZE, bytesOf } from '../http/byte-size.js';

const DEFAULT_DEV_JWT_SECRET = 'development-only-secret-change-me';

/**
 * Every environment variable the product reads, with its default and what it is for.
 * Parsed once at boot; a bad value stops the process with every problem listed.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development').describe('Runtime mode'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('HTTP port of the API'),
    HOST: z
      .string()
      .min(1)
      .optional()
      .describe('Address the API listens on; every interface when unset, IPv6 too where the machine has it'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional()
      .describe('PostgreSQL connection; the named database is created if missing'),
    REPORTS_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional()
      .describe('Optional read replica for reports'),
    DATABASE_POOL_SIZE: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(20)
      .describe('Connections per process'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional()
      .describe('Redis for the BullMQ queues'),
    QUEUE_PREFIX: z.string().min(1).max(100).default('placement').describe('BullMQ key prefix'),
    QUEUE_BACKEND: z
      .enum(['redis', 'postgres'])
      .default('redis')
      .describe(
        'Where BullMQ keeps its queues: Redis (REDIS_URL) or PostgreSQL (DATABASE_URL, schema "bullmq"); `npm start` with neither URL set picks postgres',
      ),
    EMBEDDED_DATA_DIR: z
      .string()
      .min(1)
      .default('.data')
      .describe('Where `npm start` without DATABASE_URL and REDIS_URL keeps its embedded PostgreSQL'),
    EMBEDDED_PG_PORT: z.coerce
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .describe('Port of the embedded PostgreSQL; unset: 54329, or a free port when that one is taken'),
    DEMO_SIZE: z.coerce
      .number()
      .int()
      .min(1)
      .default(3000)
      .describe('Beneficiaries in the demo data set loaded on the first embedded start'),
    WORKER_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(10)
      .describe('Jobs per worker process'),
    WORKER_LOCK_DURATION_MS: z.coerce
      .number()
      .int()
      .min(1000)
      .default(30000)
      .describe(
        'How long a job stays locked to a worker without a heartbeat; a killed worker frees its jobs after this',
      ),
    WORKER_STALLED_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(500)
      .default(15000)
      .describe('How often workers look for jobs whose worker died'),
    JWT_SECRET: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe('Secret signing access tokens'),
    JWT_EXPIRES_IN_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .default(8 * 3600)
      .describe('Access token lifetime'),
    AUTH_CACHE_TTL_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(60_000)
      .default(10_000)
      .describe(
        'How long an API process reuses the user row behind a token (0: read it on every request); changes reach every process at once through NOTIFY, this only bounds a lost notification',
      ),
    ADMIN_EMAIL: z.email().optional().describe('First admin, created at start if no admin exists'),
    ADMIN_PASSWORD: z.string().min(8).optional().describe('Password of the first admin'),
    MILESTONE_THRESHOLDS: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'must be a comma-separated list of positive integers')
      .default('100,250,500,1000,2000,5000')
      .describe('Placement counts that are celebrated as milestones'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT: z
      .string()
      .regex(BYTE_SIZE, 'must be a size such as 1mb')
      .default('1mb')
      .describe('Largest accepted JSON body'),
    IMPORT_LIMIT: z
      .string()
      .regex(BYTE_SIZE, 'must be a size such as 20mb')
      .default('20mb')
      .describe('Largest accepted CSV upload'),
    IMPORT_MAX_ROWS: z.coerce
      .number()
      .int()
      .min(1)
      .default(100_000)
      .describe('Most rows one CSV import of beneficiaries may hold (413 beyond)'),
    LOGIN_RATE_LIMIT: z.coerce
      .number()
      .int()
      .min(1)
      .default(10)
      .describe('Login attempts per minute per client'),
    RELAY_INTERVAL_MS: z.coerce.number().int().min(10).default(500).describe('Outbox relay poll interval'),
    RELAY_GATHER_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(5)
      .describe(
        'After a relay pass that published events, the next waits this long from its start, so events written meanwhile share jobs (0: at once)',
      ),
    RELAY_REPUBLISH_AFTER_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(15000)
      .describe('Republish events still unapplied this long after publishing (Redis lost them)'),
    INACTIVITY_DAYS: z.coerce
      .number()
      .int()
      .min(1)
      .default(30)
      .describe('Days without activity before a case is flagged'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (env.QUEUE_BACKEND === 'postgres' && env.REDIS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['QUEUE_BACKEND'],
        message: 'is postgres while REDIS_URL is set: the queues would ignore Redis; unset one of them',
      });
    }
  });

export type ConfigValues = z.infer<typeof configSchema>;

export class ConfigValidationError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv): ConfigValues {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(env)'}: ${issue.message}`,
    );
    throw new ConfigValidationError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** The validated configuration, injectable everywhere. */
export class AppConfig {
  readonly values: ConfigValues;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.values = parseConfig(env);
  }

  get databaseUrl(): string {
    return this.values.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/placement';
  }

  /**
   * Neither DATABASE_URL nor REDIS_URL given: `npm start` runs an embedded PostgreSQL and keeps the
   * queues in it. Read by the launcher before it points DATABASE_URL at that server.
   */
  get embedded(): boolean {
    return !this.values.DATABASE_URL && !this.values.REDIS_URL;
  }

  get redisUrl(): string {
    return this.values.REDIS_URL ?? 'redis://127.0.0.1:6379';
  }

  get jwtSecret(): string {
    return this.values.JWT_SECRET ?? DEFAULT_DEV_JWT_SECRET;
  }

  /** BODY_LIMIT in bytes: the largest JSON body. */
  get bodyLimitBytes(): number {
    return bytesOf(this.values.BODY_LIMIT, 'BODY_LIMIT');
  }

  /** IMPORT_LIMIT in bytes: the largest CSV body or upload. */
  get importLimitBytes(): number {
    return bytesOf(this.values.IMPORT_LIMIT, 'IMPORT_LIMIT');
  }

  get milestoneThresholds(): number[] {
    return [...new Set(this.values.MILESTONE_THRESHOLDS.split(',').map(Number))].sort((a, b) => a - b);
  }
}
