import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, runMigrations } from '#app/core';
import { WorkerModule } from '../../worker/src/worker.module.js';
import { ApiModule } from './api.module.js';
import { configureApp } from './configure-app.js';
import { shutdownGracefully } from './graceful-shutdown.js';

/** Single-machine mode: one process serving HTTP and running the engine. */
@Module({ imports: [ApiModule, WorkerModule] })
class AllInOneModule {}

async function bootstrap(): Promise<void> {
  const config = new AppConfig(process.env);
  await runMigrations(config.databaseUrl);
  const app = await NestFactory.create(AllInOneModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  await app.listen(config.values.PORT);
  shutdownGracefully(app);
  console.log(
    `Placement API on http://localhost:${config.values.PORT}/api (OpenAPI at /docs), worker running`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
