import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { beneficiaryBody } from './support/fixtures.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

describe('Idempotency-Key on writes', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let other: TestUser;

  const post = (user: TestUser, path: string, body: object, key?: string) => {
    const call = t.http().post(path).set('Authorization', `Bearer ${user.token}`);
    return (key ? call.set('Idempotency-Key', key) : call).send(body);
  };
  const countByFiscalCode = async (fiscalCode: unknown) =>
    Number(
      (await t.dataSource.query('SELECT count(*) FROM beneficiaries WHERE fiscal_code = $1', [fiscalCode]))[0]
        .count,
    );

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    counsellor = await t.userToken(Role.COUNSELLOR);
    other = await t.userToken(Role.COUNSELLOR);
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers a repeated key with the first answer and creates nothing more', async () => {
    const body = beneficiaryBody();
    const first = await post(counsellor, '/api/beneficiaries', body, 'create-person-1');
    const second = await post(counsellor, '/api/beneficiaries', body, 'create-person-1');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countByFiscalCode(body.fiscalCode)).toBe(1);
  });

  it('runs two simultaneous requests with one key once', async () => {
    const body = beneficiaryBody();
    const answers = await Promise.all(
      [1, 2, 3].map(() => post(counsellor, '/api/beneficiaries', body, 'simultaneous-1')),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await countByFiscalCode(body.fiscalCode)).toBe(1);
  });

  it('opens one case for repeated and simultaneous case requests with one key', async () => {
    const person = await post(counsellor, '/api/beneficiaries', beneficiaryBody());
    const answers = await Promise.all(
      [1, 2].map(() => post(counsellor, '/api/cases', { beneficiaryId: person.body.id }, 'open-case-1')),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(answers[0].body.id).toBe(answers[1].body.id);
    const cases = await t.dataSource.query('SELECT count(*) FROM cases WHERE beneficiary_id = $1', [
      person.body.id,
    ]);
    expect(Number(cases[0].count)).toBe(1);
  });

  it('replays a refusal as it was first answered', async () => {
    const body = beneficiaryBody({ fiscalCode: 'RSSMRA80C52A944X' });
    const first = await post(counsellor, '/api/beneficiaries', body, 'bad-person-1');
    const second = await post(counsellor, '/api/beneficiaries', body, 'bad-person-1');
    expect(first.status).toBe(400);
    expect(second.status).toBe(400);
    expect(second.body).toEqual(first.body);
  });

  it('refuses a key reused for a different request', async () => {
    await post(counsellor, '/api/beneficiaries', beneficiaryBody(), 'reused-1');
    const body = beneficiaryBody();
    const reused = await post(counsellor, '/api/beneficiaries', body, 'reused-1');
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countByFiscalCode(body.fiscalCode)).toBe(0);
  });

  it('scopes keys to the calling user', async () => {
    const mine = await post(counsellor, '/api/beneficiaries', beneficiaryBody(), 'per-user-1');
    const theirs = await post(other, '/api/beneficiaries', beneficiaryBody(), 'per-user-1');
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('refuses a malformed key', async () => {
    const body = beneficiaryBody();
    const response = await post(counsellor, '/api/beneficiaries', body, 'x'.repeat(201));
    expect(response.status).toBe(400);
    expect(await countByFiscalCode(body.fiscalCode)).toBe(0);
  });

  it('reads the key on every write route and on no read route', async () => {
    const document = (await t.http().get('/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method as 'get' | 'post' | 'put' | 'patch' | 'delete',
        path: path.replace(/\{[^}]+\}/g, randomUUID()),
      })),
    );
    const writes = routes.filter(({ method }) => ['post', 'put', 'patch', 'delete'].includes(method));
    expect(writes.length).toBeGreaterThan(20);
    for (const { method, path } of routes) {
      if (path === '/api/auth/login' || path.endsWith('/stream')) continue;
      const http = t.http();
      const response = await http[method](path)
        .set('Authorization', `Bearer ${t.adminToken}`)
        .set('Idempotency-Key', 'not a key!');
      const refusedTheKey = response.status === 400 && /Idempotency-Key/.test(String(response.body.message));
      // The roles guard runs first: a route the admin may not call refuses the admin before the key.
      if (response.status !== 403)
        expect({ method, path, refusedTheKey }).toEqual({ method, path, refusedTheKey: method !== 'get' });
    }
  });
});
