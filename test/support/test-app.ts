import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig, deleteQueueKeys, type Role, runMigrations } from '#app/core';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp, createHttpAdapter } from '../../apps/api/src/configure-app.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { companyBody } from './fixtures.js';
import { assertTestEnvironment, databaseUrl, withServer } from './test-database.js';

export const ADMIN_EMAIL = 'admin@test.local';
export const ADMIN_PASSWORD = 'admin-password-123';
export const TEST_PASSWORD = 'password-12345';

export interface TestUser {
  token: string;
  user: { id: string; email: string; role: Role; companyId: string | null; fullName: string };
}

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  databaseUrl: string;
  queuePrefix: string;
  adminToken: string;
  http(): ReturnType<typeof request>;
  userToken(role: Role, options?: { companyId?: string }): Promise<TestUser>;
  /** Creates a Board company through the API (as admin) and returns its id. */
  createCompany(overrides?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Run the worker (engine and relay) in the same process. Default true. */
  worker?: boolean;
  /** Extra environment for this app (e.g. a small LOGIN_RATE_LIMIT). */
  env?: Record<string, string>;
}

let templateReady: Promise<void> | null = null;
let appCounter = 0;

/** Migrates the run's template once per Jest process (an advisory lock serialises parallel workers). */
function ensureTemplate(): Promise<void> {
  templateReady ??= runMigrations(databaseUrl(process.env.TEST_TEMPLATE_DB!)).then(() => undefined);
  return templateReady;
}

async function cloneTemplate(name: string): Promise<void> {
  await ensureTemplate();
  await withServer(async (client) => {
    // CREATE DATABASE ... TEMPLATE needs the template free of other sessions; retry while another clone runs.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(
          `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(process.env.TEST_TEMPLATE_DB!)}`,
        );
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
}

/** Boots the real API (and by default the worker) on a database and a BullMQ prefix of its own. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  assertTestEnvironment();
  const suffix = `${process.pid}_${++appCounter}_${randomBytes(2).toString('hex')}`;
  const name = `${process.env.TEST_TEMPLATE_DB!.replace(/_template$/, '')}_${suffix}`;
  await cloneTemplate(name);
  const url = databaseUrl(name);
  const queuePrefix = `test-${process.env.TEST_RUN_ID}-${suffix}`;
  // This app's own settings are undone when it closes: the next app of the file must not inherit them
  // (a fault test's throwaway Redis, stopped by then).
  const replaced = Object.keys(options.env ?? {}).map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, {
    DATABASE_URL: url,
    QUEUE_PREFIX: queuePrefix,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    JWT_SECRET: 'test-secret-test-secret-test-secret',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RELAY_INTERVAL_MS: '50',
    LOGIN_RATE_LIMIT: '1000',
    ...options.env,
  });

  const moduleRef = await Test.createTestingModule({
    imports: options.worker === false ? [ApiModule] : [ApiModule, WorkerModule],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createHttpAdapter(new AppConfig(process.env)),
    { bodyParser: false, bufferLogs: true },
  );
  configureApp(app);
  await app.init();
  // supertest drives the server directly: Fastify's routes exist once it is ready.
  await app.getHttpAdapter().getInstance().ready();

  const http = () => request(app.getHttpServer());
  const login = await http().post('/api/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  if (login.status !== 200)
    throw new Error(`Admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const adminToken = (login.body as { accessToken: string }).accessToken;
  let userCounter = 0;

  return {
    app,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    databaseUrl: url,
    queuePrefix,
    adminToken,
    http,
    async userToken(role, { companyId } = {}) {
      const email = `${role}-${++userCounter}-${randomBytes(3).toString('hex')}@test.local`;
      const created = await http()
        .post('/api/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({
          email,
          password: TEST_PASSWORD,
          fullName: `Test ${role} ${userCounter}`,
          role,
          ...(companyId ? { companyId } : {}),
        });
      if (created.status !== 201)
        throw new Error(`Creating a ${role} failed: ${created.status} ${JSON.stringify(created.body)}`);
      const session = await http().post('/api/auth/login').send({ email, password: TEST_PASSWORD });
      if (session.status !== 200) throw new Error(`Login as ${role} failed: ${session.status}`);
      return {
        token: (session.body as { accessToken: string }).accessToken,
        user: (session.body as TestUser).user,
      };
    },
    async createCompany(overrides = {}) {
      const created = await http()
        .post('/api/companies')
        .set('Authorization', `Bearer ${adminToken}`)
        .send(companyBody(overrides));
      if (created.status !== 201)
        throw new Error(`Creating a company failed: ${created.status} ${JSON.stringify(created.body)}`);
      return (created.body as { id: string }).id;
    },
    async close() {
      await app.close();
      // A fault test may have left this Redis stopped; its keys died with it.
      await deleteQueueKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', queuePrefix).catch(
        () => undefined,
      );
      for (const [key, value] of replaced) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await withServer((client) =>
        client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

export { waitFor } from './wait-for.js';
