import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig, runMigrations } from '#app/core';
import { ApiModule } from './api.module.js';
import { configureApp } from './configure-app.js';
import { shutdownGracefully } from './graceful-shutdown.js';

/** The API alone (production): migrates (one replica at a time, under an advisory lock), then serves. */
async function bootstrap(): Promise<void> {
  const config = new AppConfig(process.env);
  await runMigrations(config.databaseUrl);
  const app = await NestFactory.create(ApiModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  await app.listen(config.values.PORT);
  shutdownGracefully(app);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
