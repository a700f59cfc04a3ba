import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { type Actor, PUBLIC_KEY } from '#app/core';
import { UsersService } from '../users/users.service.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { extractBearerToken, type TokenPayload } from './token-payload.js';

/**
 * Every route needs a valid token unless marked @Public(). The actor comes from the user row (through
 * a cache that every change of the row invalidates), not from the token, so disabling an account (or
 * changing its role) takes effect at once, not when its tokens expire.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
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

    const request = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const token = extractBearerToken(request.headers.authorization);
    if (!token) throw new AuthException(AuthExceptionCode.MISSING_TOKEN, 'A bearer token is required');

    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new AuthException(AuthExceptionCode.INVALID_TOKEN, 'The token is invalid or expired');
    }
    const actor = typeof payload.sub === 'string' ? await this.users.findActor(payload.sub) : null;
    if (!actor) throw new AuthException(AuthExceptionCode.INVALID_TOKEN, 'The token is invalid or expired');

    request.user = actor;
    return true;
  }
}
