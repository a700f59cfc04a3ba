import { describe, expect, it, jest } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { type Actor, Public, Role } from '#app/core';
import type { UsersService } from '../users/users.service.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';

const SECRET = 'unit-test-secret-of-some-length';
const USER_ID = '0b5f4c3e-8a51-4d0a-9d3f-1c2b3a4d5e6f';

class Routes {
  @Public()
  open(): void {}

  closed(): void {}
}

interface FakeRequest {
  headers: { authorization?: string };
  user?: Actor;
}

function contextFor(handler: () => void, request: FakeRequest): ExecutionContext {
  return {
    getClass: () => Routes,
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

/** Stands in for the database: only USER_ID exists, and only while `enabled`. */
function usersWith(enabled: boolean): UsersService {
  const actor: Actor = { id: USER_ID, role: Role.COUNSELLOR, companyId: null };
  return {
    findActor: (id: string) => Promise.resolve(enabled && id === USER_ID ? actor : null),
  } as unknown as UsersService;
}

async function codeOf(run: Promise<unknown>): Promise<string | undefined> {
  try {
    await run;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthException);
    return (error as AuthException).code;
  }
}

describe('JwtAuthGuard', () => {
  const jwt = new JwtService({ secret: SECRET, signOptions: { expiresIn: 60 } });
  const guard = (enabled = true) => new JwtAuthGuard(new Reflector(), jwt, usersWith(enabled));
  const bearer = (token: string): FakeRequest => ({ headers: { authorization: `Bearer ${token}` } });

  it('lets a @Public route through without a token', async () => {
    await expect(guard().canActivate(contextFor(Routes.prototype.open, { headers: {} }))).resolves.toBe(true);
  });

  it('sets the actor from the stored user for a valid token', async () => {
    const request = bearer(await jwt.signAsync({ sub: USER_ID, role: Role.ADMIN, companyId: null }));
    await expect(guard().canActivate(contextFor(Routes.prototype.closed, request))).resolves.toBe(true);
    // The role comes from the database, not from the (older) token.
    expect(request.user).toEqual({ id: USER_ID, role: Role.COUNSELLOR, companyId: null });
  });

  it('refuses a request without a token', async () => {
    await expect(
      codeOf(guard().canActivate(contextFor(Routes.prototype.closed, { headers: {} }))),
    ).resolves.toBe(AuthExceptionCode.MISSING_TOKEN);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await new JwtService({ secret: 'another-secret-of-some-length' }).signAsync({
      sub: USER_ID,
    });
    await expect(
      codeOf(guard().canActivate(contextFor(Routes.prototype.closed, bearer(forged)))),
    ).resolves.toBe(AuthExceptionCode.INVALID_TOKEN);
  });

  it('refuses an expired token', async () => {
    const expired = await new JwtService({ secret: SECRET }).signAsync({
      sub: USER_ID,
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    await expect(
      codeOf(guard().canActivate(contextFor(Routes.prototype.closed, bearer(expired)))),
    ).resolves.toBe(AuthExceptionCode.INVALID_TOKEN);
  });

  it('refuses a valid token of a disabled or deleted user', async () => {
    const token = await jwt.signAsync({ sub: USER_ID });
    await expect(
      codeOf(guard(false).canActivate(contextFor(Routes.prototype.closed, bearer(token)))),
    ).resolves.toBe(AuthExceptionCode.INVALID_TOKEN);
  });

  it('refuses garbage', async () => {
    await expect(
      codeOf(guard().canActivate(contextFor(Routes.prototype.closed, bearer('not.a.jwt')))),
    ).resolves.toBe(AuthExceptionCode.INVALID_TOKEN);
  });

  it('checks the signature of a token once, and refuses the token once it has expired', async () => {
    const checker = guard();
    const verify = jest.spyOn(jwt, 'verifyAsync');
    const token = await jwt.signAsync({ sub: USER_ID });
    try {
      for (let request = 0; request < 3; request++) {
        await expect(checker.canActivate(contextFor(Routes.prototype.closed, bearer(token)))).resolves.toBe(
          true,
        );
      }
      expect(verify).toHaveBeenCalledTimes(1);
      const expiry = Date.now() + 61_000;
      jest.spyOn(Date, 'now').mockReturnValue(expiry);
      await expect(
        codeOf(checker.canActivate(contextFor(Routes.prototype.closed, bearer(token)))),
      ).resolves.toBe(AuthExceptionCode.INVALID_TOKEN);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
