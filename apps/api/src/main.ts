import 'reflect-metadata';
import { AppConfig, runMigrations } from '#app/core';
import { ApiModule } from './api.module.js';
import { createApiApplication, listen } from './configure-app.js';
import { shutdownGracefully } from './graceful-shutdown.js';

/** The API alone (production): migrates (one replica at a time, under an advisory lock), then serves. */
async function bootstrap(): Promise<void> {
  const config = new AppConfig(process.env);
  await runMigrations(config.databaseUrl);
  const app = await createApiApplication(ApiModule, config);
  await listen(app, config);
  shutdownGracefully(app);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
