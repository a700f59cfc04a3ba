import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { BadInputException, ConflictException } from '../errors/domain.exception.js';
import { GlobalExceptionFilter } from '../errors/global-exception.filter.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\w.:-]{1,200}$/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long a second request waits for the first one with the same key to finish. */
const WAIT_FOR_FIRST_MS = 10_000;
/** A key still "in progress" this long after it was taken belongs to a request that died mid-way. */
const ABANDONED_AFTER = '5 minutes';

interface StoredKey {
  method: string;
  path: string;
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
}

/**
 * `Idempotency-Key` on writes (SPEC 5): the first request with a key runs and its answer (success or
 * 4xx) is stored; a repeat with the same key and body gets that answer again and changes nothing, also
 * when both arrive at once (the second waits for the first). Keys are scoped to the calling user.
 * A 5xx is not stored, so the client may retry with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly errors = new GlobalExceptionFilter();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: Actor }>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined || !WRITE_METHODS.has(request.method) || !request.user) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new BadInputException('Idempotency-Key must be 1-200 characters of letters, digits, _ . : -');
    }
    const reply = http.getResponse<FastifyReply>();
    const scope = {
      userId: request.user.id,
      key,
      method: request.method,
      path: request.originalUrl.split('?')[0],
    };
    const hash = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');

    return from(this.claim(scope, hash)).pipe(
      mergeMap((stored) => {
        if (stored) return of(this.replay(stored, scope, hash, reply));
        return next.handle().pipe(
          mergeMap((body: unknown) =>
            from(this.complete(scope, reply.statusCode, body)).pipe(mergeMap(() => of(body))),
          ),
          catchError((error: unknown) =>
            from(this.fail(scope, error)).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }

  /** Takes the key, or returns what the first request with it stored (waiting while it is in progress). */
  private async claim(scope: Scope, hash: string): Promise<StoredKey | null> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND completed_at IS NULL AND created_at < now() - $3::interval`,
      [scope.userId, scope.key, ABANDONED_AFTER],
    );
    const taken = await this.dataSource.query<unknown[]>(
      `INSERT INTO idempotency_keys (user_id, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope.userId, scope.key, scope.method, scope.path, hash],
    );
    if (taken.length) return null;
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const [stored] = await this.dataSource.query<StoredKey[]>(
        `SELECT method, path, request_hash, response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [scope.userId, scope.key],
      );
      if (!stored) return this.claim(scope, hash);
      if (stored.response_status !== null) return stored;
      if (Date.now() > deadline) {
        throw new ConflictException(
          'IDEMPOTENCY_IN_PROGRESS',
          'A request with this Idempotency-Key is still in progress',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private replay(stored: StoredKey, scope: Scope, hash: string, reply: FastifyReply): unknown {
    if (stored.method !== scope.method || stored.path !== scope.path || stored.request_hash !== hash) {
      throw new ConflictException(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for a different request',
      );
    }
    reply.status(stored.response_status!);
    reply.header('Idempotent-Replayed', 'true');
    return stored.response_body;
  }

  private async complete(scope: Scope, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb, completed_at = now() WHERE user_id = $1 AND key = $2`,
      [scope.userId, scope.key, status, JSON.stringify(body ?? null)],
    );
  }

  /** A refusal (4xx) is the answer and is replayed; a server fault frees the key for a retry. */
  private async fail(scope: Scope, error: unknown): Promise<void> {
    const body = this.errors.toBody(error);
    if (body.statusCode >= 500) {
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [
        scope.userId,
        scope.key,
      ]);
      return;
    }
    await this.complete(scope, body.statusCode, body);
  }
}

interface Scope {
  userId: string;
  key: string;
  method: string;
  path: string;
}
