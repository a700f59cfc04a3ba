import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

describe('HTTP conventions', () => {
  let t: TestApp;
  let counsellor: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    counsellor = await t.userToken(Role.COUNSELLOR);
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers malformed JSON with a 400 in the error body', async () => {
    const response = await t
      .http()
      .post('/api/beneficiaries')
      .set('Authorization', `Bearer ${counsellor.token}`)
      .set('Content-Type', 'application/json')
      .send('{"firstName": "Maria",');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('JSON'),
    });
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await t
      .http()
      .post('/api/beneficiaries')
      .set('Authorization', `Bearer ${counsellor.token}`)
      .send({ notes: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('answers an unknown route with 404 in the error body', async () => {
    const response = await t.http().get('/api/nowhere').set('Authorization', `Bearer ${counsellor.token}`);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('answers an invalid id in a path with 400, not 500', async () => {
    const response = await t
      .http()
      .get('/api/cases/not-a-uuid')
      .set('Authorization', `Bearer ${counsellor.token}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('requires a token everywhere but login and health', async () => {
    expect((await t.http().get('/api/cases')).status).toBe(401);
    expect((await t.http().get('/api/metrics')).status).toBe(401);
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('sends security headers and a request id', async () => {
    const response = await t.http().get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['content-security-policy']).toBeDefined();
  });

  it('publishes an OpenAPI document describing the DTOs', async () => {
    const response = await t.http().get('/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/cases',
        '/api/cases/{id}/timeline',
        '/api/interviews/{id}',
        '/api/metrics',
      ]),
    );
    expect(response.body.components.schemas.OpenCaseDto.properties).toHaveProperty('beneficiaryId');
    expect((await t.http().get('/docs')).status).toBe(200);
    const operations = Object.values(
      response.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    ).flatMap((methods) => Object.values(methods));
    for (const operation of operations) {
      expect(operation.responses['400']).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } },
      });
    }
  });
});
