import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Role, vatNumberCheckDigit } from '#app/core';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

describe('funding lines', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let counsellor: TestUser;
  let companyUser: TestUser;
  let lineSequence = 0;

  const auth = (user: TestUser | string) => ({
    Authorization: `Bearer ${typeof user === 'string' ? user : user.token}`,
  });

  // Zero-padded so the list order is the same under any database collation.
  const lineBody = (overrides: Record<string, unknown> = {}) => ({
    code: `BO4.4.8.${String(++lineSequence).padStart(3, '0')}.a`,
    name: 'Self-employment support, metropolitan city of Bologna',
    fund: 'FSE+',
    cup: 'F31D23000140007',
    programmedAmount: 4_000_000,
    ...overrides,
  });

  const create = (body: Record<string, unknown>, user: TestUser | string = coordinator) =>
    t.http().post('/api/funding-lines').set(auth(user)).send(body);

  const lineCount = async () =>
    Number((await t.dataSource.query('SELECT count(*) AS count FROM funding_lines'))[0].count);

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    const [company] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO companies (name, vat_number, ateco_code, municipality, employees, board_member_since)
       VALUES ('Officine Navile', $1, '25.62', 'Bologna', 12, '2021-05-01') RETURNING id`,
      [`0123456789${vatNumberCheckDigit('0123456789')}`],
    );
    coordinator = await t.userToken(Role.COORDINATOR);
    counsellor = await t.userToken(Role.COUNSELLOR);
    companyUser = await t.userToken(Role.COMPANY, { companyId: company.id });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/funding-lines', () => {
    it('opens a line with its whole budget remaining, in euros', async () => {
      const body = lineBody({ programmedAmount: 4_000_000.5 });
      const created = await create(body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        code: body.code,
        name: body.name,
        fund: 'FSE+',
        cup: 'F31D23000140007',
        programmedAmount: 4_000_000.5,
        committedAmount: 0,
        disbursedAmount: 0,
        remainingAmount: 4_000_000.5,
      });
      const [row] = await t.dataSource.query(
        'SELECT programmed_cents, committed_cents, disbursed_cents FROM funding_lines WHERE id = $1',
        [created.body.id],
      );
      expect(row).toEqual({ programmed_cents: '400000050', committed_cents: '0', disbursed_cents: '0' });
    });

    it('lets an admin open a line too, and stores a CUP typed in lowercase as uppercase', async () => {
      const created = await create(lineBody({ cup: ' f31d23000140007 ' }), t.adminToken);
      expect(created.status).toBe(201);
      expect(created.body.cup).toBe('F31D23000140007');
    });

    it.each([
      ['counsellor', () => counsellor],
      ['company', () => companyUser],
    ])('forbids a %s to open a line and creates nothing', async (_role, user) => {
      const before = await lineCount();
      const refused = await create(lineBody(), user());
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      expect(await lineCount()).toBe(before);
    });

    it('refuses a second line with the same code', async () => {
      const body = lineBody();
      expect((await create(body)).status).toBe(201);
      const duplicate = await create({ ...body, name: 'Another name' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ statusCode: 409, code: 'FUNDING_LINE_CODE_TAKEN' });
      const rows = await t.dataSource.query('SELECT name FROM funding_lines WHERE code = $1', [body.code]);
      expect(rows).toEqual([{ name: body.name }]);
    });

    it('creates one line when the same code is sent five times at once', async () => {
      const body = lineBody();
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => create(body)));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409]);
      expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body.code)).toEqual(
        Array(4).fill('FUNDING_LINE_CODE_TAKEN'),
      );
      const rows = await t.dataSource.query('SELECT id FROM funding_lines WHERE code = $1', [body.code]);
      expect(rows).toHaveLength(1);
    });

    it.each([
      ['a CUP of 14 characters', { cup: 'F31D2300014000' }, 'cup'],
      ['a CUP with punctuation', { cup: 'F31D-2300014000' }, 'cup'],
      ['an amount with three decimals', { programmedAmount: 1000.005 }, 'programmedAmount'],
      ['a zero amount', { programmedAmount: 0 }, 'programmedAmount'],
      ['a negative amount', { programmedAmount: -100 }, 'programmedAmount'],
      ['an amount as a string', { programmedAmount: '1000' }, 'programmedAmount'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a code with spaces', { code: 'BO 4.4' }, 'code'],
      ['a read-only total', { committedAmount: 10 }, 'committedAmount'],
    ])('refuses %s with 400 and creates nothing', async (_label, overrides, field) => {
      const before = await lineCount();
      const body = lineBody(overrides);
      const refused = await create(body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
      });
      expect(refused.body.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
      expect(await lineCount()).toBe(before);
    });

    it('lists every missing field', async () => {
      const refused = await create({});
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'code',
        'cup',
        'fund',
        'name',
        'programmedAmount',
      ]);
    });
  });

  describe('GET /api/funding-lines', () => {
    it('pages the lines for coordinators and counsellors, ordered by code', async () => {
      const total = await lineCount();
      for (const user of [coordinator, counsellor]) {
        const first = await t.http().get('/api/funding-lines?limit=2').set(auth(user));
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({ total, page: 1, limit: 2 });
        expect(first.body.items).toHaveLength(2);
        const all = await t.http().get('/api/funding-lines?limit=100').set(auth(user));
        const codes = all.body.items.map((item: { code: string }) => item.code);
        expect(codes).toEqual([...codes].sort());
        expect(all.body.items[0]).toEqual(
          expect.objectContaining({
            programmedAmount: expect.any(Number),
            committedAmount: expect.any(Number),
            disbursedAmount: expect.any(Number),
            remainingAmount: expect.any(Number),
          }),
        );
      }
    });

    it('forbids companies to read the budget', async () => {
      const refused = await t.http().get('/api/funding-lines').set(auth(companyUser));
      expect(refused.status).toBe(403);
    });

    it('refuses a page larger than 100', async () => {
      const refused = await t.http().get('/api/funding-lines?limit=101').set(auth(coordinator));
      expect(refused.status).toBe(400);
    });
  });

  describe('GET /api/funding-lines/:id', () => {
    it('answers one line to a counsellor', async () => {
      const created = await create(lineBody({ programmedAmount: 1250.5 }));
      const read = await t.http().get(`/api/funding-lines/${created.body.id}`).set(auth(counsellor));
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('answers 404 for an unknown line and 400 for a malformed id', async () => {
      const missing = await t.http().get(`/api/funding-lines/${randomUUID()}`).set(auth(coordinator));
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('FUNDING_LINE_NOT_FOUND');
      const malformed = await t.http().get('/api/funding-lines/not-a-uuid').set(auth(coordinator));
      expect(malformed.status).toBe(400);
    });

    it('forbids a company to read a line', async () => {
      const created = await create(lineBody());
      const refused = await t.http().get(`/api/funding-lines/${created.body.id}`).set(auth(companyUser));
      expect(refused.status).toBe(403);
    });
  });
});
