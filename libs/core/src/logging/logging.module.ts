import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import { AppConfig } from '../config/app-config.js';

const REQUEST_ID = /^[\w.-]{1,100}$/;

/**
 * JSON logs with a request id (taken from X-Request-Id when sane, else generated) on every line, and
 * one access line per request. Requests and responses are logged by a few fields picked by hand rather
 * than pino's standard serializers: those copied every header into every line, which then had to be
 * redacted (the bearer token) and stringified, about a tenth of the API's CPU (docs/DECISIONS.md).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
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
        },
      }),
    }),
  ],
})
export class LoggingModule {}
