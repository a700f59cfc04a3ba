import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import { type HttpLogger, pinoHttp } from 'pino-http';
import { AppConfig } from '../config/app-config.js';

/** The request logger (a pino-http middleware) that the API mounts first, before any other middleware. */
export const REQUEST_LOGGER = 'REQUEST_LOGGER';

const REQUEST_ID = /^[\w.-]{1,100}$/;

/**
 * One access line per request, with a request id (taken from X-Request-Id when sane, else generated).
 * Requests and responses are logged by a few fields picked by hand rather than pino's standard
 * serializers: those copied every header into every line, which then had to be redacted (the bearer
 * token) and stringified (docs/DECISIONS.md, "API hot paths").
 */
function createRequestLogger(config: AppConfig): HttpLogger {
  return pinoHttp({
    level: config.values.LOG_LEVEL,
    // Bound once to the root logger instead of to a child logger per request.
    base: { pid: process.pid, hostname: hostname(), service: 'placement' },
    genReqId: (request: IncomingMessage) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    },
    wrapSerializers: false,
    serializers: {
      req: (request: IncomingMessage & { id?: unknown }) => ({
        id: request.id,
        method: request.method,
        url: request.url,
        remoteAddress: request.socket?.remoteAddress,
      }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
      err: stdSerializers.err,
    },
  });
}

@Module({
  providers: [{ provide: REQUEST_LOGGER, inject: [AppConfig], useFactory: createRequestLogger }],
  exports: [REQUEST_LOGGER],
})
class RequestLoggerModule {}

/**
 * JSON logs through one pino logger: Nest's own log lines (nestjs-pino) and the API's access lines.
 * nestjs-pino's request middleware is not mounted: it runs every request inside an AsyncLocalStorage,
 * whose promise hooks cost about a tenth of the API's CPU on Node 20, only to tag the log lines written
 * during a request, and the one such line (a 500 in the exception filter) carries the request id itself.
 */
@Module({
  imports: [
    RequestLoggerModule,
    LoggerModule.forRootAsync({
      imports: [RequestLoggerModule],
      inject: [REQUEST_LOGGER],
      useFactory: (requestLogger: HttpLogger) => ({
        pinoHttp: { logger: requestLogger.logger },
        forRoutes: [],
      }),
    }),
  ],
  exports: [RequestLoggerModule],
})
export class LoggingModule {}
