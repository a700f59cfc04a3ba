import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { networkInterfaces } from 'node:os';
import type { Logger as PinoLogger } from 'pino';
import {
  AppConfig,
  logRequests,
  requestIdOf,
  ROOT_LOGGER,
  useBodyParsers,
  useIdempotencyKeys,
} from '#app/core';
import { setupOpenApi } from './openapi.js';

/** The HTTP server of an API instance (Fastify: docs/DECISIONS.md, "HTTP adapter: Fastify"). */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    // X-Forwarded-For is believed from a proxy on this machine only (the rate limit keys on the client).
    trustProxy: 'loopback',
    bodyLimit: config.bodyLimitBytes,
    genReqId: requestIdOf,
    // Fastify's own logging stays off, with its child logger per request: see logRequests.
    logger: false,
    // Paths match as they did on Express: a trailing slash and the letter case do not matter.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
    // @fastify/multipart is registered at start; the CSV import's limits are in BeneficiariesModule.
    multipart: true,
  });
}

/**
 * Everything an API instance needs beyond its module graph and its adapter; shared by main, start-all
 * and the tests. Call before `init()` or `listen()`.
 */
export function configureApp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  logRequests(fastify, app.get<PinoLogger>(ROOT_LOGGER));
  // helmet's headers and defaults (Content-Security-Policy included), set before any other hook runs.
  app.useSecurityHeaders();
  useBodyParsers(fastify, { json: config.bodyLimitBytes, text: config.importLimitBytes });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  useIdempotencyKeys(app);

  setupOpenApi(app);
}

/** A configured API application of `module` (the API alone, or with the worker), ready to `listen`. */
export async function createApiApplication(module: Type, config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, createHttpAdapter(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  return app;
}

/**
 * Starts serving on PORT and HOST. Without HOST, on every interface as Node (and so Express) did:
 * `::`, which takes IPv4 too, or `0.0.0.0` on a machine without IPv6; Fastify alone would listen on
 * localhost only, out of reach from outside a container.
 */
export async function listen(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const ipv6 = Object.values(networkInterfaces()).some((addresses) =>
    addresses?.some((address) => address.family === 'IPv6'),
  );
  await app.listen(config.values.PORT, config.values.HOST ?? (ipv6 ? '::' : '0.0.0.0'));
}
