import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, rejectDeepBodies } from '#app/core';
import { setupOpenApi } from './openapi.js';

/** Everything an API instance needs beyond its module graph; shared by main, start-all and the tests. */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  const config = app.get(AppConfig);
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  express.use(helmet());
  express.useBodyParser('json', { limit: config.values.BODY_LIMIT });
  express.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: config.values.IMPORT_LIMIT });
  express.use(rejectDeepBodies());
  express.setGlobalPrefix('api', { exclude: ['health'] });

  setupOpenApi(app);
}
