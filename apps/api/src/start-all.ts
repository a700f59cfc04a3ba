import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { AppConfig, runMigrations } from '#app/core';
import { WorkerModule } from '../../worker/src/worker.module.js';
import { ApiModule } from './api.module.js';
import { createApiApplication, listen } from './configure-app.js';
import { accountLines, seedDemoOnFirstStart } from './embedded/demo-accounts.js';
import { embeddedLog, type EmbeddedMode, startEmbeddedMode } from './embedded/embedded-mode.js';
import { shutdownGracefully } from './graceful-shutdown.js';

/** Single-machine mode: one process serving HTTP and running the engine. */
@Module({ imports: [ApiModule, WorkerModule] })
class AllInOneModule {}

async function boot(embedded: EmbeddedMode | null): Promise<void> {
  const config = new AppConfig(process.env);
  await runMigrations(config.databaseUrl);
  const accounts = embedded
    ? await seedDemoOnFirstStart({
        databaseUrl: config.databaseUrl,
        dataDir: embedded.dataDir,
        size: config.values.DEMO_SIZE,
        log: embeddedLog,
      })
    : null;
  const app = await createApiApplication(AllInOneModule, config);
  await listen(app, config);
  embedded?.booted();
  shutdownGracefully(app, { afterClose: embedded ? () => embedded.postgres.stop() : undefined });
  const url = `http://localhost:${config.values.PORT}`;
  console.log(`Placement API on ${url}/api (OpenAPI at ${url}/docs), worker running`);
  if (embedded && accounts) {
    console.log(
      [
        `Embedded mode: PostgreSQL ${embedded.postgres.url}, queues in PostgreSQL, data in ${embedded.dataDir}`,
        'Demo accounts:',
        ...accountLines(accounts, embedded.dataDir),
        `Ctrl-C stops everything; delete ${embedded.dataDir} to start over with a fresh demo.`,
      ].join('\n'),
    );
  }
}

async function bootstrap(): Promise<void> {
  const launch = new AppConfig(process.env);
  const embedded = launch.embedded ? await startEmbeddedMode(launch) : null;
  try {
    await boot(embedded);
  } catch (error) {
    await embedded?.postgres.stop();
    throw error;
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
