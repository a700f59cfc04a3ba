import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { Role } from '#app/core';
import { UsersService } from '#app/auth';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  createTestApp,
  type TestApp,
  type TestUser,
} from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

const PASSWORD = 'a-long-enough-password';

describe('auth and users', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let coordinator: TestUser;
  let company: TestUser;
  let emailCounter = 0;

  const email = (label: string) => `${label}-${++emailCounter}@auth.test`;
  const adminGet = (path: string) => t.http().get(path).set(bearer(t.adminToken));
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (address: string, password: string) =>
    t.http().post('/api/auth/login').send({ email: address, password });
  const createUser = (body: Record<string, unknown>, token = t.adminToken) =>
    t.http().post('/api/users').set(bearer(token)).send(body);
  const usersWithEmail = async (address: string): Promise<number> => {
    const rows: { count: string }[] = await t.dataSource.query(
      'SELECT count(*) AS count FROM users WHERE lower(email) = lower($1)',
      [address],
    );
    return Number(rows[0].count);
  };
  const userCount = async (): Promise<number> => {
    const rows: { count: string }[] = await t.dataSource.query('SELECT count(*) AS count FROM users');
    return Number(rows[0].count);
  };

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    counsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    company = await t.userToken(Role.COMPANY, { companyId: await t.createCompany() });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('POST /api/auth/login', () => {
    it('answers a token and the user, never the password hash', async () => {
      const res = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.expiresIn).toEqual(expect.any(Number));
      expect(res.body.user).toEqual({
        id: expect.any(String),
        email: ADMIN_EMAIL,
        fullName: expect.any(String),
        role: Role.ADMIN,
        companyId: null,
        disabled: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|password_hash/);
    });

    it('puts sub, role and companyId in the token', async () => {
      const res = await login(company.user.email, 'password-12345');
      expect(res.status).toBe(200);
      const payload = t.app.get(JwtService).decode<Record<string, unknown>>(res.body.accessToken);
      expect(payload).toMatchObject({
        sub: company.user.id,
        role: Role.COMPANY,
        companyId: company.user.companyId,
      });
      expect(payload.exp).toEqual(expect.any(Number));
    });

    it('matches the email whatever its case', async () => {
      const res = await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
      expect(res.status).toBe(200);
    });

    it('answers the same 401 for a wrong password and for an unknown email', async () => {
      const wrongPassword = await login(ADMIN_EMAIL, 'not-the-password');
      const unknownEmail = await login('nobody@auth.test', ADMIN_PASSWORD);
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(wrongPassword.body).toEqual(unknownEmail.body);
      expect(wrongPassword.body).toMatchObject({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Invalid email or password',
      });
      expect(wrongPassword.body.accessToken).toBeUndefined();
    });

    it('refuses a body without a password as bad input', async () => {
      const res = await t.http().post('/api/auth/login').send({ email: ADMIN_EMAIL });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
      );
    });
  });

  describe('tokens', () => {
    it('refuses a request without a token with 401 in the standard error body', async () => {
      const res = await t.http().get('/api/auth/me');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.any(String),
        code: 'AUTH_MISSING_TOKEN',
      });
    });

    it.each([
      ['a garbage bearer token', 'Bearer not-a-token'],
      ['a Basic authorization header', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ])('refuses %s with 401', async (_label, header) => {
      const res = await t.http().get('/api/auth/me').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.body.statusCode).toBe(401);
    });

    it('refuses a token signed with another secret', async () => {
      const forged = await new JwtService({ secret: 'someone-elses-secret-of-length' }).signAsync({
        sub: counsellor.user.id,
        role: Role.ADMIN,
        companyId: null,
      });
      const res = await t.http().get('/api/users').set(bearer(forged));
      expect(res.status).toBe(401);
    });

    it('refuses an expired token', async () => {
      const expired = await t.app
        .get(JwtService)
        .signAsync({ sub: counsellor.user.id, role: Role.COUNSELLOR, companyId: null }, { expiresIn: -10 });
      const res = await t.http().get('/api/auth/me').set(bearer(expired));
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_INVALID_TOKEN');
    });

    it('refuses a well-signed token for a user that does not exist', async () => {
      const token = await t.app
        .get(JwtService)
        .signAsync({ sub: randomUUID(), role: Role.ADMIN, companyId: null });
      const res = await t.http().get('/api/auth/me').set(bearer(token));
      expect(res.status).toBe(401);
    });

    it('lets the health check through without a token', async () => {
      const res = await t.http().get('/health');
      expect(res.status).not.toBe(401);
    });
  });

  describe('GET /api/auth/me', () => {
    it('answers the caller', async () => {
      const res = await t.http().get('/api/auth/me').set(bearer(counsellor.token));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: counsellor.user.id,
        email: counsellor.user.email,
        role: Role.COUNSELLOR,
      });
      expect(res.body.passwordHash).toBeUndefined();
    });

    it('answers a company user with its company', async () => {
      const res = await t.http().get('/api/auth/me').set(bearer(company.token));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role: Role.COMPANY, companyId: company.user.companyId });
    });
  });

  describe('POST /api/users', () => {
    it.each([Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR, Role.COMPANY])(
      'lets an admin create a user of role %s, stored with an argon2id hash',
      async (role) => {
        const address = email(role);
        const companyId = role === Role.COMPANY ? await t.createCompany() : undefined;
        const res = await createUser({
          email: address,
          password: PASSWORD,
          fullName: `  A ${role}  `,
          role,
          companyId,
        });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          email: address,
          fullName: `A ${role}`,
          role,
          companyId: companyId ?? null,
          disabled: false,
        });
        expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
        const rows: { password_hash: string }[] = await t.dataSource.query(
          'SELECT password_hash FROM users WHERE id = $1',
          [res.body.id],
        );
        expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
        await expect(login(address, PASSWORD).then((r) => r.status)).resolves.toBe(200);
      },
    );

    it('stores the email lower-cased', async () => {
      const res = await createUser({
        email: 'Mixed.Case@Auth.Test',
        password: PASSWORD,
        fullName: 'Mixed',
        role: Role.COUNSELLOR,
      });
      expect(res.status).toBe(201);
      expect(res.body.email).toBe('mixed.case@auth.test');
    });

    it.each([
      ['a coordinator', () => coordinator.token],
      ['a counsellor', () => counsellor.token],
      ['a company user', () => company.token],
    ])('refuses %s with 403 and creates nothing', async (_label, token) => {
      const address = email('forbidden');
      const res = await createUser(
        { email: address, password: PASSWORD, fullName: 'X', role: Role.ADMIN },
        token(),
      );
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden', code: 'AUTH_ROLE_NOT_ALLOWED' });
      await expect(usersWithEmail(address)).resolves.toBe(0);
    });

    it('refuses a duplicate email whatever its case with 409', async () => {
      const address = email('dup');
      const first = await createUser({
        email: address,
        password: PASSWORD,
        fullName: 'First',
        role: Role.COUNSELLOR,
      });
      expect(first.status).toBe(201);
      const second = await createUser({
        email: address.toUpperCase(),
        password: PASSWORD,
        fullName: 'Second',
        role: Role.COORDINATOR,
      });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ statusCode: 409, code: 'USERS_EMAIL_TAKEN' });
      await expect(usersWithEmail(address)).resolves.toBe(1);
    });

    it('lets exactly one of concurrent creates with the same email win', async () => {
      const address = email('race');
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          createUser({
            email: i % 2 ? address.toUpperCase() : address,
            password: PASSWORD,
            fullName: `Racer ${i}`,
            role: Role.COUNSELLOR,
          }),
        ),
      );
      expect(answers.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409]);
      await expect(usersWithEmail(address)).resolves.toBe(1);
    });

    it.each([
      ['an unknown field', { isAdmin: true }, 'isAdmin'],
      ['a read-only field', { disabled: true }, 'disabled'],
      ['a password hash', { passwordHash: '$argon2id$forged' }, 'passwordHash'],
    ])('refuses %s with 400 and creates nothing', async (_label, extra, field) => {
      const address = email('mass');
      const before = await userCount();
      const res = await createUser({
        email: address,
        password: PASSWORD,
        fullName: 'Mass',
        role: Role.COUNSELLOR,
        ...extra,
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      await expect(userCount()).resolves.toBe(before);
    });

    it('refuses a company user without a companyId with 400 and creates nothing', async () => {
      const address = email('nocompany');
      const res = await createUser({
        email: address,
        password: PASSWORD,
        fullName: 'No company',
        role: Role.COMPANY,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('USERS_COMPANY_REQUIRED');
      await expect(usersWithEmail(address)).resolves.toBe(0);
    });

    it('refuses a companyId on any other role with 400', async () => {
      const address = email('withcompany');
      const res = await createUser({
        email: address,
        password: PASSWORD,
        fullName: 'Counsellor',
        role: Role.COUNSELLOR,
        companyId: randomUUID(),
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('USERS_COMPANY_FORBIDDEN');
      await expect(usersWithEmail(address)).resolves.toBe(0);
    });

    it.each([
      ['a malformed email', { email: 'not-an-email' }, 'email'],
      ['a short password', { password: 'short' }, 'password'],
      ['an unknown role', { role: 'superuser' }, 'role'],
      ['an empty name', { fullName: '   ' }, 'fullName'],
      ['a malformed companyId', { role: Role.COMPANY, companyId: 'acme' }, 'companyId'],
    ])('refuses %s with 400 naming the field', async (_label, override, field) => {
      const before = await userCount();
      const res = await createUser({
        email: email('bad'),
        password: PASSWORD,
        fullName: 'Bad',
        role: Role.COUNSELLOR,
        ...override,
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      await expect(userCount()).resolves.toBe(before);
    });
  });

  describe('GET /api/users', () => {
    it('lists users a page at a time, filtered by role', async () => {
      const res = await adminGet('/api/users').query({
        role: Role.COUNSELLOR,
        limit: 2,
        page: 1,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ page: 1, limit: 2, total: expect.any(Number) });
      expect(res.body.items).toHaveLength(2);
      expect(res.body.total).toBeGreaterThan(2);
      expect(res.body.items.every((user: { role: Role }) => user.role === Role.COUNSELLOR)).toBe(true);
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);

      const next = await adminGet('/api/users').query({
        role: Role.COUNSELLOR,
        limit: 2,
        page: 2,
      });
      const firstIds = res.body.items.map((user: { id: string }) => user.id);
      expect(next.body.items.some((user: { id: string }) => firstIds.includes(user.id))).toBe(false);
    });

    it.each([
      ['a limit above 100', { limit: 101 }],
      ['an unknown role', { role: 'superuser' }],
      ['an unknown filter', { email: 'x' }],
    ])('refuses %s with 400', async (_label, query) => {
      const res = await adminGet('/api/users').query(query);
      expect(res.status).toBe(400);
    });

    it('refuses non-admins with 403', async () => {
      for (const user of [coordinator, counsellor, company]) {
        const res = await t.http().get('/api/users').set(bearer(user.token));
        expect(res.status).toBe(403);
      }
    });

    it('answers one user by id, 404 for an unknown id, 400 for a malformed one', async () => {
      const found = await adminGet(`/api/users/${counsellor.user.id}`);
      expect(found.status).toBe(200);
      expect(found.body.id).toBe(counsellor.user.id);
      const missing = await adminGet(`/api/users/${randomUUID()}`);
      expect(missing.status).toBe(404);
      const malformed = await adminGet('/api/users/not-a-uuid');
      expect(malformed.status).toBe(400);
    });
  });

  describe('PATCH /api/users/:id', () => {
    const patch = (id: string, body: Record<string, unknown>, token = t.adminToken) =>
      t.http().patch(`/api/users/${id}`).set(bearer(token)).send(body);

    it('disables a user: it can no longer log in, and its old token stops working', async () => {
      const user = await t.userToken(Role.COUNSELLOR);
      await expect(
        t
          .http()
          .get('/api/auth/me')
          .set(bearer(user.token))
          .then((r) => r.status),
      ).resolves.toBe(200);

      const res = await patch(user.user.id, { disabled: true });
      expect(res.status).toBe(200);
      expect(res.body.disabled).toBe(true);

      const relogin = await login(user.user.email, 'password-12345');
      const wrong = await login(user.user.email, 'not-the-password');
      expect(relogin.status).toBe(401);
      expect(relogin.body).toEqual(wrong.body);
      const old = await t.http().get('/api/auth/me').set(bearer(user.token));
      expect(old.status).toBe(401);
      expect(old.body.code).toBe('AUTH_INVALID_TOKEN');
    });

    // Another API replica, a script or an operator's SQL: this process hears of it through NOTIFY.
    it('stops an old token soon after its account is disabled outside this process', async () => {
      const user = await t.userToken(Role.COUNSELLOR);
      const me = () =>
        t
          .http()
          .get('/api/auth/me')
          .set(bearer(user.token))
          .then((r) => r.status);
      await expect(me()).resolves.toBe(200);
      await t.dataSource.query('UPDATE users SET disabled = true WHERE id = $1', [user.user.id]);
      await waitFor(async () => (await me()) === 401, { timeout: 2000, message: 'the token refused' });
    });

    it('applies a role changed outside this process to an existing token', async () => {
      const user = await t.userToken(Role.COUNSELLOR);
      const users = () =>
        t
          .http()
          .get('/api/users')
          .set(bearer(user.token))
          .then((r) => r.status);
      await expect(users()).resolves.toBe(403);
      await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [user.user.id]);
      await waitFor(async () => (await users()) === 200, { timeout: 2000, message: 'the new role' });
    });

    it('re-enables a disabled user', async () => {
      const user = await t.userToken(Role.COUNSELLOR);
      await patch(user.user.id, { disabled: true });
      const res = await patch(user.user.id, { disabled: false });
      expect(res.status).toBe(200);
      await expect(login(user.user.email, 'password-12345').then((r) => r.status)).resolves.toBe(200);
    });

    it('changes the name and the password', async () => {
      const user = await t.userToken(Role.COUNSELLOR);
      const res = await patch(user.user.id, { fullName: 'Renamed Person', password: 'brand-new-password' });
      expect(res.status).toBe(200);
      expect(res.body.fullName).toBe('Renamed Person');
      await expect(login(user.user.email, 'password-12345').then((r) => r.status)).resolves.toBe(401);
      await expect(login(user.user.email, 'brand-new-password').then((r) => r.status)).resolves.toBe(200);
    });

    it('takes a role change into account on the next request of an existing token', async () => {
      const user = await t.userToken(Role.COORDINATOR);
      expect((await patch(user.user.id, { role: Role.ADMIN })).status).toBe(200);
      const res = await t.http().get('/api/users').set(bearer(user.token));
      expect(res.status).toBe(200);
    });

    it('clears the company link when a company user becomes a counsellor', async () => {
      const user = await t.userToken(Role.COMPANY, { companyId: await t.createCompany() });
      const res = await patch(user.user.id, { role: Role.COUNSELLOR });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role: Role.COUNSELLOR, companyId: null });
    });

    it('refuses to make a user a company user without a companyId, changing nothing', async () => {
      const res = await patch(counsellor.user.id, { role: Role.COMPANY });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('USERS_COMPANY_REQUIRED');
      const after = await adminGet(`/api/users/${counsellor.user.id}`);
      expect(after.body).toMatchObject({ role: Role.COUNSELLOR, companyId: null });
    });

    it.each([
      ['the email', { email: 'new@auth.test' }, 'email'],
      ['an unknown field', { superpowers: true }, 'superpowers'],
      ['a null name', { fullName: null }, 'fullName'],
      ['a null role', { role: null }, 'role'],
      ['a non-boolean disabled', { disabled: 'yes' }, 'disabled'],
    ])('refuses %s with 400 and changes nothing', async (_label, body, field) => {
      const before = await adminGet(`/api/users/${counsellor.user.id}`);
      const res = await patch(counsellor.user.id, body);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      const after = await adminGet(`/api/users/${counsellor.user.id}`);
      expect(after.body).toEqual(before.body);
    });

    it('refuses non-admins with 403 and changes nothing', async () => {
      const res = await patch(counsellor.user.id, { disabled: true }, coordinator.token);
      expect(res.status).toBe(403);
      const self = await patch(counsellor.user.id, { role: Role.ADMIN }, counsellor.token);
      expect(self.status).toBe(403);
      const after = await adminGet(`/api/users/${counsellor.user.id}`);
      expect(after.body).toMatchObject({ role: Role.COUNSELLOR, disabled: false });
    });

    it('answers 404 for an unknown user', async () => {
      const res = await patch(randomUUID(), { disabled: true });
      expect(res.status).toBe(404);
    });

    it('refuses to let an admin disable or demote their own account', async () => {
      const me = await t.http().get('/api/auth/me').set(bearer(t.adminToken));
      const disable = await patch(me.body.id, { disabled: true });
      expect(disable.status).toBe(409);
      expect(disable.body.code).toBe('USERS_SELF_LOCKOUT');
      const demote = await patch(me.body.id, { role: Role.COUNSELLOR });
      expect(demote.status).toBe(409);
      await expect(
        t
          .http()
          .get('/api/users')
          .set(bearer(t.adminToken))
          .then((r) => r.status),
      ).resolves.toBe(200);
    });
  });

  describe('UsersService.assertCounsellor', () => {
    it('answers an enabled counsellor', async () => {
      const user = await t.app.get(UsersService).assertCounsellor(counsellor.user.id);
      expect(user.id).toBe(counsellor.user.id);
    });

    it.each([
      ['another role', () => coordinator.user.id],
      ['an unknown id', () => randomUUID()],
      ['a malformed id', () => 'nope'],
    ])('refuses %s as bad input', async (_label, id) => {
      await expect(t.app.get(UsersService).assertCounsellor(id())).rejects.toMatchObject({
        code: 'USERS_NOT_A_COUNSELLOR',
        kind: 'bad_input',
      });
    });

    it('refuses a disabled counsellor', async () => {
      const user = await t.userToken(Role.COUNSELLOR);
      await t.http().patch(`/api/users/${user.user.id}`).set(bearer(t.adminToken)).send({ disabled: true });
      await expect(t.app.get(UsersService).assertCounsellor(user.user.id)).rejects.toMatchObject({
        code: 'USERS_NOT_A_COUNSELLOR',
      });
    });
  });

  describe('first admin at start', () => {
    it('was created once from ADMIN_EMAIL and is not created again', async () => {
      await expect(t.app.get(UsersService).ensureAdmin(ADMIN_EMAIL, ADMIN_PASSWORD)).resolves.toBe(false);
      await expect(usersWithEmail(ADMIN_EMAIL)).resolves.toBe(1);
    });

    it('creates exactly one admin when several processes start at once', async () => {
      // Simulate a database with no enabled admin by disabling every admin for the duration of the test.
      const admins: { id: string }[] = await t.dataSource.query(
        `UPDATE users SET disabled = true WHERE role = 'admin' AND NOT disabled RETURNING id`,
      );
      try {
        const address = email('bootstrap');
        const users = t.app.get(UsersService);
        const created = await Promise.all(
          Array.from({ length: 4 }, () => users.ensureAdmin(address, ADMIN_PASSWORD)),
        );
        expect(created.filter(Boolean)).toHaveLength(1);
        await expect(usersWithEmail(address)).resolves.toBe(1);
        await expect(login(address, ADMIN_PASSWORD).then((r) => r.status)).resolves.toBe(200);
      } finally {
        await t.dataSource.query(`UPDATE users SET disabled = false WHERE id = ANY($1::uuid[])`, [
          admins.map((admin) => admin.id),
        ]);
      }
    });
  });

  describe('OpenAPI document', () => {
    it('describes the auth and users routes with bearer security and never the hash', async () => {
      const res = await t.http().get('/docs-json');
      expect(res.status).toBe(200);
      const doc = res.body;
      expect(doc.paths['/api/auth/login'].post.responses['200']).toBeDefined();
      expect(doc.paths['/api/users'].post.security).toEqual([{ bearer: [] }]);
      expect(doc.paths['/api/users/{id}'].patch).toBeDefined();
      expect(doc.components.schemas.LoginResponseDto).toBeDefined();
      expect(Object.keys(doc.components.schemas.UserResponseDto.properties)).not.toContain('passwordHash');
    });
  });
});
