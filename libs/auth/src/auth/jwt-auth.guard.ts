import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { type Actor, PUBLIC_KEY } from '#app/core';
import { UsersService } from '../users/users.service.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { extractBearerToken, type TokenPayload } from './token-payload.js';

/** Bounds the memory of a process serving many sessions; the oldest token goes first. */
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Every route needs a valid token unless marked @Public(). A token's signature is checked on its first
 * request to this process only; it is then known until it expires. The actor comes from the user row
 * (through a cache that every change of the row invalidates), not from the token, so disabling an
 * account (or changing its role) takes effect at once, not when its tokens expire.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly verified = new Map<string, { sub: unknown; expiresAt: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
    const token = extractBearerToken(request.headers.authorization);
    if (!token) throw new AuthException(AuthExceptionCode.MISSING_TOKEN, 'A bearer token is required');

    const subject = await this.verifiedSubject(token);
    const actor = typeof subject === 'string' ? await this.users.findActor(subject) : null;
    if (!actor) throw new AuthException(AuthExceptionCode.INVALID_TOKEN, 'The token is invalid or expired');

    request.user = actor;
    return true;
  }

  private async verifiedSubject(token: string): Promise<unknown> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.sub;
    let payload: TokenPayload & { exp?: number };
    try {
      payload = await this.jwt.verifyAsync<TokenPayload & { exp?: number }>(token);
    } catch {
      this.verified.delete(token);
      throw new AuthException(AuthExceptionCode.INVALID_TOKEN, 'The token is invalid or expired');
    }
    if (typeof payload.exp === 'number') {
      if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { sub: payload.sub, expiresAt: payload.exp * 1000 });
    }
    return payload.sub;
  }
}
