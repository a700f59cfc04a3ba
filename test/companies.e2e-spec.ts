import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { companyBody, vatNumber } from './support/fixtures.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

function withWrongCheckDigit(vat: string): string {
  return `${vat.slice(0, 10)}${(Number(vat[10]) + 1) % 10}`;
}

interface Company {
  id: string;
  name: string;
  vatNumber: string;
  atecoCode: string;
  municipality: string;
  employees: number;
  boardMemberSince: string;
}

describe('companies, end to end', () => {
  let t: TestApp;
  let admin: { token: string };
  let coordinator: TestUser;
  let counsellor: TestUser;
  let companyA: Company;
  let companyB: Company;
  let userA: TestUser;
  let userB: TestUser;

  const auth = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });

  async function register(overrides: Record<string, unknown> = {}): Promise<Company> {
    const created = await t.http().post('/api/companies').set(auth(coordinator)).send(companyBody(overrides));
    expect(created.status).toBe(201);
    return created.body as Company;
  }

  async function storedWithVat(vat: string): Promise<number> {
    const rows: { count: string }[] = await t.dataSource.query(
      'SELECT count(*) AS count FROM companies WHERE vat_number = $1',
      [vat],
    );
    return Number(rows[0].count);
  }

  async function read(id: string): Promise<Company> {
    const found = await t.http().get(`/api/companies/${id}`).set(auth(coordinator));
    expect(found.status).toBe(200);
    return found.body as Company;
  }

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    admin = { token: t.adminToken };
    coordinator = await t.userToken(Role.COORDINATOR);
    counsellor = await t.userToken(Role.COUNSELLOR);
    companyA = await register();
    companyB = await register();
    userA = await t.userToken(Role.COMPANY, { companyId: companyA.id });
    userB = await t.userToken(Role.COMPANY, { companyId: companyB.id });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('registration', () => {
    it('lets a coordinator and an admin register a Board company', async () => {
      const body = companyBody({ atecoCode: '62.01' });
      const created = await t.http().post('/api/companies').set(auth(coordinator)).send(body);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        ...body,
        id: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const byAdmin = await t.http().post('/api/companies').set(auth(admin)).send(companyBody());
      expect(byAdmin.status).toBe(201);
    });

    it.each(['62', '62.0', '62.01', '47.11.1', '47.11.10'])(
      'accepts the ATECO code %s',
      async (atecoCode) => {
        const created = await t
          .http()
          .post('/api/companies')
          .set(auth(coordinator))
          .send(companyBody({ atecoCode }));
        expect(created.status).toBe(201);
        expect(created.body.atecoCode).toBe(atecoCode);
      },
    );

    it('refuses a VAT number with a wrong check digit with 400 and stores nothing', async () => {
      const vat = withWrongCheckDigit(vatNumber());
      const res = await t
        .http()
        .post('/api/companies')
        .set(auth(coordinator))
        .send(companyBody({ vatNumber: vat }));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { field: 'vatNumber', problems: [expect.stringContaining('check digit')] },
      ]);
      expect(await storedWithVat(vat)).toBe(0);
    });

    it.each([
      ['a VAT number with letters', { vatNumber: '0074311015A' }, 'vatNumber'],
      ['a VAT number of ten digits', { vatNumber: '0074311015' }, 'vatNumber'],
      ['an ATECO code with a letter section', { atecoCode: 'C.10.71' }, 'atecoCode'],
      ['an ATECO code of one digit group too many', { atecoCode: '47.11.10.1' }, 'atecoCode'],
      ['negative employees', { employees: -1 }, 'employees'],
      ['fractional employees', { employees: 2.5 }, 'employees'],
      ['a Board date that does not exist', { boardMemberSince: '2023-02-30' }, 'boardMemberSince'],
      ['an empty name', { name: '   ' }, 'name'],
      ['a missing municipality', { municipality: undefined }, 'municipality'],
      ['an unknown field', { id: randomUUID() }, 'id'],
    ])('refuses %s with 400 and stores nothing', async (_label, overrides, field) => {
      const body = companyBody(overrides);
      const res = await t.http().post('/api/companies').set(auth(coordinator)).send(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
      const rows: unknown[] = await t.dataSource.query('SELECT 1 FROM companies WHERE name = $1', [
        body.name,
      ]);
      expect(rows).toHaveLength(0);
    });

    it('refuses a second company with the same VAT number with 409', async () => {
      const res = await t
        .http()
        .post('/api/companies')
        .set(auth(coordinator))
        .send(companyBody({ vatNumber: companyA.vatNumber }));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('COMPANY_DUPLICATE_VAT_NUMBER');
      expect(await storedWithVat(companyA.vatNumber)).toBe(1);
    });

    it('registers exactly one of several concurrent companies with the same VAT number', async () => {
      const vat = vatNumber();
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          t
            .http()
            .post('/api/companies')
            .set(auth(coordinator))
            .send(companyBody({ vatNumber: vat })),
        ),
      );
      const statuses = results.map((res) => res.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      expect(await storedWithVat(vat)).toBe(1);
    });

    it('forbids counsellors and company users from registering companies', async () => {
      for (const user of [counsellor, userA]) {
        const body = companyBody();
        const res = await t.http().post('/api/companies').set(auth(user)).send(body);
        expect(res.status).toBe(403);
        expect(await storedWithVat(body.vatNumber as string)).toBe(0);
      }
    });
  });

  describe('company users', () => {
    it('must belong to an existing company', async () => {
      const res = await t
        .http()
        .post('/api/users')
        .set(auth(admin))
        .send({
          email: `ghost-${randomBytes(3).toString('hex')}@test.local`,
          password: 'password-12345',
          fullName: 'Ghost company user',
          role: Role.COMPANY,
          companyId: randomUUID(),
        });
      expect(res.status).toBe(404);
      const rows: unknown[] = await t.dataSource.query(
        `SELECT 1 FROM users WHERE full_name = 'Ghost company user'`,
      );
      expect(rows).toHaveLength(0);
    });
  });

  describe('listing and reading', () => {
    it('finds companies by a case-insensitive name prefix, a page at a time', async () => {
      const stem = `Prefisso${randomBytes(3).toString('hex')}`;
      for (const suffix of ['Alfa', 'Beta', 'Gamma']) await register({ name: `${stem} ${suffix}` });
      await register({ name: `Altro ${stem}` });
      const first = await t
        .http()
        .get('/api/companies')
        .query({ search: stem.toLowerCase(), limit: 2 })
        .set(auth(counsellor));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 3, page: 1, limit: 2 });
      expect(first.body.items.map((item: Company) => item.name)).toEqual([`${stem} Alfa`, `${stem} Beta`]);
      const second = await t
        .http()
        .get('/api/companies')
        .query({ search: stem.toUpperCase(), limit: 2, page: 2 })
        .set(auth(coordinator));
      expect(second.body.items.map((item: Company) => item.name)).toEqual([`${stem} Gamma`]);
    });

    it('treats LIKE wildcards in the search as plain characters', async () => {
      const res = await t.http().get('/api/companies').query({ search: '%' }).set(auth(coordinator));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(0);
    });

    it('shows a company user only its own company', async () => {
      const res = await t.http().get('/api/companies').query({ limit: 100 }).set(auth(userA));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items.map((item: Company) => item.id)).toEqual([companyA.id]);
      const searched = await t.http().get('/api/companies').query({ search: companyB.name }).set(auth(userA));
      expect(searched.body.total).toBe(0);
    });

    it('refuses a page size above 100 with 400', async () => {
      const res = await t.http().get('/api/companies').query({ limit: 101 }).set(auth(coordinator));
      expect(res.status).toBe(400);
    });

    it('answers a company with its history, empty at first', async () => {
      const fresh = await register();
      const res = await t.http().get(`/api/companies/${fresh.id}`).set(auth(counsellor));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: fresh.id, name: fresh.name, vatNumber: fresh.vatNumber });
      expect(res.body.history).toEqual({
        openings: { open: 0, closed: 0, filled: 0, recent: [] },
        proposals: { proposed: 0, interviewing: 0, hired: 0, rejected: 0 },
        internships: { active: 0, completed: 0, interrupted: 0 },
        hires: { placements: 0, people: 0 },
      });
    });

    it('counts openings by status in the history, newest first', async () => {
      const fresh = await register();
      const opening = (title: string) =>
        t.http().post(`/api/companies/${fresh.id}/openings`).set(auth(coordinator)).send({
          title,
          description: 'Warehouse work',
          positions: 1,
          contractType: 'fixed_term',
          municipality: 'Bologna',
          closesOn: '2099-12-31',
        });
      const first = await opening('First');
      const second = await opening('Second');
      expect([first.status, second.status]).toEqual([201, 201]);
      const closed = await t
        .http()
        .patch(`/api/openings/${first.body.id}`)
        .set(auth(coordinator))
        .send({ status: 'closed' });
      expect(closed.status).toBe(200);
      const res = await t.http().get(`/api/companies/${fresh.id}`).set(auth(coordinator));
      expect(res.body.history.openings).toMatchObject({ open: 1, closed: 1, filled: 0 });
      expect(res.body.history.openings.recent).toEqual([
        expect.objectContaining({
          id: second.body.id,
          title: 'Second',
          status: 'open',
          closesOn: '2099-12-31',
        }),
        expect.objectContaining({
          id: first.body.id,
          title: 'First',
          status: 'closed',
          positions: 1,
          hires: 0,
        }),
      ]);
    });

    it('lets a company user read its own company and hides the others with 404', async () => {
      const own = await t.http().get(`/api/companies/${companyA.id}`).set(auth(userA));
      expect(own.status).toBe(200);
      const other = await t.http().get(`/api/companies/${companyB.id}`).set(auth(userA));
      expect(other.status).toBe(404);
      expect(other.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      const reverse = await t.http().get(`/api/companies/${companyA.id}`).set(auth(userB));
      expect(reverse.status).toBe(404);
    });

    it('answers 404 for a company that does not exist and 400 for a malformed id', async () => {
      const absent = await t.http().get(`/api/companies/${randomUUID()}`).set(auth(coordinator));
      expect(absent.status).toBe(404);
      const malformed = await t.http().get('/api/companies/acme').set(auth(coordinator));
      expect(malformed.status).toBe(400);
    });
  });

  describe('editing', () => {
    it('lets a coordinator change any field', async () => {
      const target = await register();
      const vat = vatNumber();
      const res = await t
        .http()
        .patch(`/api/companies/${target.id}`)
        .set(auth(coordinator))
        .send({ employees: 6, vatNumber: vat, boardMemberSince: '2020-01-15' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        employees: 6,
        vatNumber: vat,
        boardMemberSince: '2020-01-15',
        name: target.name,
      });
    });

    it('lets a company user edit its own company', async () => {
      const res = await t
        .http()
        .patch(`/api/companies/${companyA.id}`)
        .set(auth(userA))
        .send({ municipality: 'Imola', employees: 30 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ municipality: 'Imola', employees: 30, vatNumber: companyA.vatNumber });
    });

    it("hides another company from a company user's edit with 404, changing nothing", async () => {
      const res = await t
        .http()
        .patch(`/api/companies/${companyB.id}`)
        .set(auth(userA))
        .send({ name: 'Hijacked' });
      expect(res.status).toBe(404);
      expect((await read(companyB.id)).name).toBe(companyB.name);
    });

    it("refuses a company user's change of its VAT number or Board date with 400, changing nothing", async () => {
      for (const change of [
        { vatNumber: vatNumber() },
        { boardMemberSince: '2010-01-01', name: 'Renamed' },
      ]) {
        const res = await t.http().patch(`/api/companies/${companyA.id}`).set(auth(userA)).send(change);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('COMPANY_FIELD_READ_ONLY');
      }
      const after = await read(companyA.id);
      expect(after).toMatchObject({
        vatNumber: companyA.vatNumber,
        boardMemberSince: companyA.boardMemberSince,
        name: companyA.name,
      });
    });

    it('forbids counsellors from editing companies', async () => {
      const res = await t
        .http()
        .patch(`/api/companies/${companyB.id}`)
        .set(auth(counsellor))
        .send({ name: 'X' });
      expect(res.status).toBe(403);
    });

    it('refuses bad values and nulls with 400, changing nothing', async () => {
      for (const change of [
        { vatNumber: withWrongCheckDigit(companyB.vatNumber) },
        { name: null },
        { employees: -3 },
        { atecoCode: '4711' },
        { createdAt: '2020-01-01T00:00:00Z' },
      ]) {
        const res = await t.http().patch(`/api/companies/${companyB.id}`).set(auth(coordinator)).send(change);
        expect(res.status).toBe(400);
      }
      expect(await read(companyB.id)).toMatchObject({
        name: companyB.name,
        vatNumber: companyB.vatNumber,
        employees: companyB.employees,
        atecoCode: companyB.atecoCode,
      });
    });

    it("refuses another company's VAT number with 409, changing nothing", async () => {
      const res = await t
        .http()
        .patch(`/api/companies/${companyB.id}`)
        .set(auth(coordinator))
        .send({ vatNumber: companyA.vatNumber });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('COMPANY_DUPLICATE_VAT_NUMBER');
      expect((await read(companyB.id)).vatNumber).toBe(companyB.vatNumber);
    });

    it('answers 404 when editing a company that does not exist', async () => {
      const res = await t
        .http()
        .patch(`/api/companies/${randomUUID()}`)
        .set(auth(coordinator))
        .send({ employees: 1 });
      expect(res.status).toBe(404);
    });
  });
});
