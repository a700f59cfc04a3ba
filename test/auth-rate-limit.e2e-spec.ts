import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from './support/test-app.js';

const LIMIT = 3;

/**
 * Its own app, so the small limit touches no other suite. Clients are told apart by X-Forwarded-For
 * (the API trusts it from loopback), so each test speaks as a client of its own.
 */
describe('login rate limit', () => {
  let t: TestApp;

  const loginFrom = (ip: string, password = 'not-the-password') =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: ADMIN_EMAIL, password });

  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { LOGIN_RATE_LIMIT: String(LIMIT) } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 in the standard error body once a client used up its attempts, even with the right password', async () => {
    const ip = '203.0.113.10';
    for (let i = 0; i < LIMIT; i++) {
      await expect(loginFrom(ip).then((r) => r.status)).resolves.toBe(401);
    }
    const limited = await loginFrom(ip, ADMIN_PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.any(String),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.accessToken).toBeUndefined();
  });

  it('counts each client apart', async () => {
    for (let i = 0; i < LIMIT + 1; i++) await loginFrom('203.0.113.20');
    await expect(loginFrom('203.0.113.21', ADMIN_PASSWORD).then((r) => r.status)).resolves.toBe(200);
  });

  it('limits no other route', async () => {
    const ip = '203.0.113.30';
    for (let i = 0; i < LIMIT + 1; i++) await loginFrom(ip);
    for (let i = 0; i < LIMIT * 3; i++) {
      const res = await t
        .http()
        .get('/api/auth/me')
        .set('X-Forwarded-For', ip)
        .set('Authorization', `Bearer ${t.adminToken}`);
      expect(res.status).toBe(200);
    }
  });

  it('counts concurrent attempts one by one', async () => {
    const ip = '203.0.113.40';
    const answers = await Promise.all(Array.from({ length: 10 }, () => loginFrom(ip)));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10 - LIMIT);
  });

  it('lets the client try again once its window and block have passed', async () => {
    const ip = '203.0.113.50';
    for (let i = 0; i < LIMIT + 1; i++) await loginFrom(ip);
    await expect(loginFrom(ip, ADMIN_PASSWORD).then((r) => r.status)).resolves.toBe(429);
    // Age every counter instead of waiting a real minute.
    await t.dataSource.query(
      `UPDATE rate_limits SET window_ends_at = now() - interval '1 second', blocked_until = now() - interval '1 second'`,
    );
    await expect(loginFrom(ip, ADMIN_PASSWORD).then((r) => r.status)).resolves.toBe(200);
  });
});
