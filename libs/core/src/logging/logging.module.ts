import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.js';

const REQUEST_ID = /^[\w.-]{1,100}$/;

/** JSON logs with a request id (taken from X-Request-Id when sane, else generated) on every line. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.values.LOG_LEVEL,
          genReqId: (request: IncomingMessage) => {
            const header = request.headers['x-request-id'];
            return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
          },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          customProps: () => ({ service: 'placement' }),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
