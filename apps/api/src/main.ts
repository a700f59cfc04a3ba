import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, runMigrations } from '#app/core';
import { ApiModule } from './api.module.js';
import { configureApp, createHttpAdapter, listen } from './configure-app.js';
import { shutdownGracefully } from './graceful-shutdown.js';

/** The API alone (production): migrates (one replica at a time, under an advisory lock), then serves. */
async function bootstrap(): Promise<void> {
  const config = new AppConfig(process.env);
  await runMigrations(config.databaseUrl);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, createHttpAdapter(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  await listen(app, config);
  shutdownGracefully(app);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
