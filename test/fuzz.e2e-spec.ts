import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Operation {
  method: 'post' | 'patch' | 'put';
  path: string;
  properties: string[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

/** Values that break naive code: wrong types, extremes, odd encodings, prototype keys, deep nesting. */
const nasty = fc.oneof(
  fc.constantFrom(
    null,
    '',
    ' ',
    '\u0000',
    '💥'.repeat(300),
    'x'.repeat(20_000),
    -1,
    0,
    1e308,
    -1e308,
    0.1 + 0.2,
    123.456,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    'true',
    'NaN',
    '2026-02-30',
    '9999-99-99T99:99:99Z',
    '../../etc/passwd',
    "'; DROP TABLE cases; --",
    '<script>alert(1)</script>',
    { $gt: '' },
    { __proto__: { admin: true } },
    [],
    [[[[[[]]]]]],
    Array.from({ length: 5000 }, (_, i) => i),
  ),
  fc.string({ maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.uuid(),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const deeplyNested = (depth: number): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: inner }), 1);

function bodyFor(operation: Operation): fc.Arbitrary<unknown> {
  const known = operation.properties.length
    ? fc.constantFrom(...operation.properties)
    : fc.string({ maxLength: 10 });
  return fc.oneof(
    fc.dictionary(known, nasty, { maxKeys: 6 }),
    fc.dictionary(
      fc.oneof(known, fc.constantFrom('id', 'status', 'version', 'createdAt', '__proto__', 'constructor')),
      nasty,
      {
        maxKeys: 6,
      },
    ),
    fc.jsonValue({ maxDepth: 4 }),
    fc.constant(deeplyNested(200)),
  );
}

describe('fuzzing every write endpoint with generated bad input', () => {
  let t: TestApp;
  let operations: Operation[];

  const request = (method: Operation['method'], path: string) => t.http()[method](path);

  /** A digest of every table but the ones a refused request may legitimately touch. */
  async function fingerprint(): Promise<string> {
    const tables = await t.dataSource.query<Array<{ tablename: string }>>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'
         AND tablename NOT IN ('migrations', 'audit_log', 'idempotency_keys', 'rate_limits') ORDER BY tablename`,
    );
    const parts = tables.map(
      ({ tablename }) =>
        `SELECT '${tablename}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${tablename}" x`,
    );
    const rows = await t.dataSource.query<Array<{ t: string; h: string }>>(parts.join(' UNION ALL '));
    return rows.map((row) => `${row.t}:${row.h}`).join(',');
  }

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    const document = (await t.http().get('/docs-json')).body as OpenApiDocument;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      (['post', 'patch', 'put'] as const)
        .filter((method) => methods[method] && path !== '/api/auth/login')
        .map((method) => {
          const ref = methods[method].requestBody?.content?.['application/json']?.schema?.$ref;
          const schema = ref ? document.components.schemas[ref.split('/').pop()!] : undefined;
          return { method, path, properties: Object.keys(schema?.properties ?? {}) };
        }),
    );
  });

  afterAll(async () => {
    await t.close();
  });

  it('finds the write endpoints in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(5);
  });

  it('never answers 5xx, always answers the error body, and a refusal changes nothing', async () => {
    let tried = 0;
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(bodyFor(operation), fc.boolean(), async (body, realId) => {
          const path = operation.path.replace(/\{[^}]+\}/g, () => (realId ? randomUUID() : 'not-a-uuid'));
          const before = await fingerprint();
          const response = await request(operation.method, path)
            .set('Authorization', `Bearer ${t.adminToken}`)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body));
          tried++;
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.body).toMatchObject({
              statusCode: response.status,
              error: expect.any(String),
              message: expect.any(String),
            });
            expect(await fingerprint()).toBe(before);
          }
        }),
        { numRuns: 60, seed: 20261121 },
      );
    }
    expect(tried).toBeGreaterThanOrEqual(operations.length * 60);
    // About 2,800 requests, each between two table fingerprints: minutes on a loaded 2-core machine.
  }, 300_000);

  it('survives malformed payloads at the transport level', async () => {
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const raw = [
      deep,
      '['.repeat(50_000) + ']'.repeat(50_000),
      '{',
      '{"a":',
      'null',
      '"string"',
      '[1,2',
      '\u0000\u0001',
      '{"a":1}{"b":2}',
      '{"__proto__":{"x":1}}',
    ];
    for (const operation of operations) {
      const path = operation.path.replace(/\{[^}]+\}/g, () => randomUUID());
      for (const payload of raw) {
        const response = await request(operation.method, path)
          .set('Authorization', `Bearer ${t.adminToken}`)
          .set('Content-Type', 'application/json')
          .send(payload);
        expect(response.status).toBeLessThan(500);
      }
      const wrongType = await request(operation.method, path)
        .set('Authorization', `Bearer ${t.adminToken}`)
        .set('Content-Type', 'application/xml')
        .send('<a/>');
      expect(wrongType.status).toBeLessThan(500);
    }
  });

  it('rejects garbage in query strings of list endpoints without a 5xx', async () => {
    const lists = [
      '/api/cases',
      '/api/beneficiaries',
      '/api/users',
      '/api/audit',
      '/api/openings',
      '/api/companies',
      '/api/courses',
      '/api/follow-ups',
    ];
    const queries = [
      'page=-1',
      'limit=101',
      'limit=abc',
      'page=1e99',
      'status[]=a&status[]=b',
      'search=%00',
      'search=' + 'x'.repeat(5000),
      'due=2026-13-01',
      'counsellorId=nope',
      'beneficiaryId[$ne]=1',
    ];
    for (const list of lists) {
      for (const query of queries) {
        const response = await t
          .http()
          .get(`${list}?${query}`)
          .set('Authorization', `Bearer ${t.adminToken}`);
        expect(response.status).toBeLessThan(500);
      }
    }
  });
});
