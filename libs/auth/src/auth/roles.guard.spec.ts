import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, Role, Roles } from '#app/core';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { RolesGuard } from './roles.guard.js';

@Roles(Role.ADMIN)
class AdminOnlyController {
  list(): void {}

  @Roles(Role.ADMIN, Role.COORDINATOR)
  report(): void {}
}

class OpenController {
  read(): void {}
}

function contextFor(controller: object, handler: () => void, user?: Actor): ExecutionContext {
  return {
    getClass: () => controller,
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

const actor = (role: Role): Actor => ({ id: 'u1', role, companyId: null });

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it('lets any role through a route without @Roles', () => {
    expect(
      guard.canActivate(contextFor(OpenController, OpenController.prototype.read, actor(Role.COMPANY))),
    ).toBe(true);
  });

  it('applies the controller roles to its handlers', () => {
    const handler = AdminOnlyController.prototype.list;
    expect(guard.canActivate(contextFor(AdminOnlyController, handler, actor(Role.ADMIN)))).toBe(true);
    expect(() => guard.canActivate(contextFor(AdminOnlyController, handler, actor(Role.COUNSELLOR)))).toThrow(
      AuthException,
    );
  });

  it('lets handler roles override the controller roles', () => {
    const handler = AdminOnlyController.prototype.report;
    expect(guard.canActivate(contextFor(AdminOnlyController, handler, actor(Role.COORDINATOR)))).toBe(true);
  });

  it('refuses with a forbidden code when no actor is known', () => {
    try {
      guard.canActivate(contextFor(AdminOnlyController, AdminOnlyController.prototype.list));
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as AuthException).code).toBe(AuthExceptionCode.ROLE_NOT_ALLOWED);
    }
  });
});
