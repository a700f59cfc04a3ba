import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

const REQUEST_ID = /^[\w.-]{1,100}$/;

/** A request's correlation id (Fastify's `genReqId`): its X-Request-Id when sane, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * One access line per request, answered by a route, a 404 or an error alike, written through the
 * root logger when the response is done. The fields are picked by hand (the line pino-http wrote
 * before: request id, method, url, remote address; status; response time in ms) rather than by
 * serializers that copied every header and then had to redact the bearer token; and no child logger
 * is made per request (Fastify's own request logging stays off): docs/DECISIONS.md, "API hot paths".
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    if (logger.isLevelEnabled('info')) {
      const { statusCode } = reply;
      const line = {
        req: {
          id: request.id,
          method: request.method,
          url: request.url,
          remoteAddress: request.socket?.remoteAddress,
        },
        res: { statusCode },
        responseTime: Math.round(reply.elapsedTime),
      };
      if (statusCode >= 500) {
        logger.info({ ...line, err: new Error(`failed with status code ${statusCode}`) }, 'request errored');
      } else {
        logger.info(line, 'request completed');
      }
    }
    done();
  });
}
