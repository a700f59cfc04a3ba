import { hostname } from 'node:os';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type Logger, pino, stdSerializers } from 'pino';
import { AppConfig } from '../config/app-config.js';

/** The root pino logger: Nest's log lines (through nestjs-pino) and the API's access lines (access-log.ts). */
export const ROOT_LOGGER = 'ROOT_LOGGER';

function createRootLogger(config: AppConfig): Logger {
  return pino({
    level: config.values.LOG_LEVEL,
    // Bound once to the root logger instead of to a child logger per request.
    base: { pid: process.pid, hostname: hostname(), service: 'placement' },
    serializers: { err: stdSerializers.err },
  });
}

@Module({
  providers: [{ provide: ROOT_LOGGER, inject: [AppConfig], useFactory: createRootLogger }],
  exports: [ROOT_LOGGER],
})
class RootLoggerModule {}

/**
 * JSON logs through one pino logger: Nest's own log lines (nestjs-pino) and the API's access lines.
 * nestjs-pino's request middleware is not mounted: it runs every request inside an AsyncLocalStorage,
 * whose promise hooks cost about a tenth of the API's CPU on Node 20, only to tag the log lines written
 * during a request, and the one such line (a 500 in the exception filter) carries the request id itself.
 */
@Module({
  imports: [
    RootLoggerModule,
    LoggerModule.forRootAsync({
      imports: [RootLoggerModule],
      inject: [ROOT_LOGGER],
      useFactory: (logger: Logger) => ({ pinoHttp: { logger }, forRoutes: [] }),
    }),
  ],
  exports: [RootLoggerModule],
})
export class LoggingModule {}
