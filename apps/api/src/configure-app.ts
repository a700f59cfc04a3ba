import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { HttpLogger } from 'pino-http';
import { AppConfig, REQUEST_LOGGER, rejectDeepBodies } from '#app/core';
import { setupOpenApi } from './openapi.js';

/** Everything an API instance needs beyond its module graph; shared by main, start-all and the tests. */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  const config = app.get(AppConfig);
  express.useLogger(app.get(Logger));
  // First, so that every request gets its id and its access line, also one a later middleware refuses.
  express.use(app.get<HttpLogger>(REQUEST_LOGGER));
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  express.use(helmet());
  express.useBodyParser('json', { limit: config.values.BODY_LIMIT });
  express.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: config.values.IMPORT_LIMIT });
  express.use(rejectDeepBodies());
  express.setGlobalPrefix('api', { exclude: ['health'] });

  setupOpenApi(app);
}
