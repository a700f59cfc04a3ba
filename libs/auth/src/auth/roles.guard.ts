import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, type Role, ROLES_KEY } from '#app/core';
import { AuthException, AuthExceptionCode } from './auth.exception.js';

/** Enforces @Roles(...) from the handler, else the controller; routes without it are open to every role. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (actor && roles.includes(actor.role)) return true;
    throw new AuthException(AuthExceptionCode.ROLE_NOT_ALLOWED, 'Your role may not perform this action');
  }
}
