import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import pkg from 'codice-fiscale-js';
import { beneficiaryBody, person } from './support/fixtures.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

const { CodiceFiscale } = pkg as unknown as { CodiceFiscale: typeof pkg.default };

interface AuditItem {
  action: string;
  requestId: string | null;
  actorId: string;
  actorRole: string;
  entityType: string;
  entityId: string;
  beneficiaryId: string;
  details: Record<string, unknown>;
}

describe('beneficiaries, end to end', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;
  let coordinator: TestUser;
  let company: TestUser;

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

  async function register(owner: TestUser, overrides: Record<string, unknown> = {}) {
    const created = await t
      .http()
      .post('/api/beneficiaries')
      .set(auth(owner))
      .send(beneficiaryBody(overrides));
    expect(created.status).toBe(201);
    return created.body as {
      id: string;
      fiscalCode: string;
      lastName: string;
      firstName: string;
      version: number;
    };
  }

  async function storedWithCode(fiscalCode: string): Promise<number> {
    const rows: { count: string }[] = await t.dataSource.query(
      'SELECT count(*) AS count FROM beneficiaries WHERE fiscal_code = $1',
      [fiscalCode],
    );
    return Number(rows[0].count);
  }

  async function auditOf(beneficiaryId: string): Promise<AuditItem[]> {
    const page = await t.http().get('/api/audit').query({ beneficiaryId, limit: 100 }).set(auth(coordinator));
    expect(page.status).toBe(200);
    return page.body.items as AuditItem[];
  }

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    company = await t.userToken(Role.COMPANY, { companyId: await t.createCompany() });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('registration', () => {
    it('lets a counsellor register a person and answers the stored record', async () => {
      const body = beneficiaryBody();
      const created = await t
        .http()
        .post('/api/beneficiaries')
        .set(auth(counsellor))
        .send({ ...body, fiscalCode: String(body.fiscalCode).toLowerCase() });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.any(String),
        firstName: body.firstName,
        lastName: body.lastName,
        fiscalCode: body.fiscalCode,
        birthDate: body.birthDate,
        gender: body.gender,
        citizenship: 'IT',
        educationLevel: 3,
        employmentStatus: 'long_term_unemployed',
        vulnerabilities: ['single_parent'],
        skills: ['warehouse', 'forklift'],
        languages: ['it', 'en'],
        referralSource: 'caritas',
        disability: false,
        createdById: counsellor.user.id,
        erasedAt: null,
        version: 1,
      });
      expect(new Date(created.body.privacyConsentAt).toISOString()).toBe(body.privacyConsentAt);
      const audit = await auditOf(created.body.id);
      expect(audit).toMatchObject([
        { action: 'create', actorId: counsellor.user.id, actorRole: 'counsellor' },
      ]);
    });

    it('refuses a registration without privacy consent and stores nothing', async () => {
      const withoutConsent = beneficiaryBody();
      delete withoutConsent.privacyConsentAt;
      const refused = await t.http().post('/api/beneficiaries').set(auth(counsellor)).send(withoutConsent);
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'privacyConsentAt' })]),
      );
      expect(await storedWithCode(String(withoutConsent.fiscalCode))).toBe(0);
    });

    it('refuses an invalid fiscal code and names the field', async () => {
      const body = beneficiaryBody();
      const code = String(body.fiscalCode);
      const wrongCheck = code.slice(0, 15) + (code[15] === 'A' ? 'B' : 'A');
      const refused = await t
        .http()
        .post('/api/beneficiaries')
        .set(auth(counsellor))
        .send({ ...body, fiscalCode: wrongCheck });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(refused.body.details).toEqual([
        { field: 'fiscalCode', problems: ['fiscalCode has a wrong check character'] },
      ]);
      expect(await storedWithCode(wrongCheck)).toBe(0);
    });

    it('refuses a code that encodes an impossible date even with a right check character', async () => {
      const first15 = `${String(beneficiaryBody().fiscalCode).slice(0, 9)}32A944`;
      const impossible = first15 + CodiceFiscale.getCheckCode(first15);
      const refused = await t
        .http()
        .post('/api/beneficiaries')
        .set(auth(counsellor))
        .send(beneficiaryBody({ fiscalCode: impossible, birthDate: null }));
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual([
        { field: 'fiscalCode', problems: ['fiscalCode encodes a birth date that does not exist'] },
      ]);
    });

    it('refuses a fiscal code that disagrees with the birth date, and one that disagrees with the gender', async () => {
      const someone = person({ gender: 'M', birthDate: '1980-05-20' });
      const wrongDate = await t
        .http()
        .post('/api/beneficiaries')
        .set(auth(counsellor))
        .send(beneficiaryBody({ ...someone, birthDate: '1980-05-21' }));
      expect(wrongDate.status).toBe(400);
      expect(wrongDate.body.code).toBe('BENEFICIARY_FISCAL_CODE_MISMATCH');
      expect(wrongDate.body.details).toEqual([
        { field: 'fiscalCode', problems: [expect.stringContaining('birthDate 1980-05-21 does not agree')] },
      ]);

      const wrongGender = await t
        .http()
        .post('/api/beneficiaries')
        .set(auth(counsellor))
        .send(beneficiaryBody({ ...someone, gender: 'F' }));
      expect(wrongGender.status).toBe(400);
      expect(wrongGender.body.details[0].problems).toEqual([
        expect.stringContaining('gender F does not agree'),
      ]);
      expect(await storedWithCode(someone.fiscalCode)).toBe(0);
    });

    it('accepts gender X whatever the code encodes', async () => {
      const man = person({ gender: 'M' });
      const woman = person({ gender: 'F' });
      for (const someone of [man, woman]) {
        const created = await register(counsellor, { ...someone, gender: 'X' });
        expect(created).toMatchObject({ fiscalCode: someone.fiscalCode, gender: 'X' });
      }
    });

    it('refuses a second registration with the same fiscal code, whatever its case', async () => {
      const someone = person();
      const first = await register(counsellor, someone);
      const again = await t
        .http()
        .post('/api/beneficiaries')
        .set(auth(otherCounsellor))
        .send(
          beneficiaryBody({ ...someone, firstName: 'Another', fiscalCode: someone.fiscalCode.toLowerCase() }),
        );
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        code: 'BENEFICIARY_DUPLICATE_FISCAL_CODE',
      });
      expect(await storedWithCode(first.fiscalCode)).toBe(1);
    });

    it('refuses unknown and read-only fields', async () => {
      const body = beneficiaryBody({ createdById: coordinator.user.id, nickname: 'Gigi' });
      const refused = await t.http().post('/api/beneficiaries').set(auth(counsellor)).send(body);
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'createdById',
        'nickname',
      ]);
      expect(await storedWithCode(String(body.fiscalCode))).toBe(0);
    });
  });

  describe('who may see whom', () => {
    let mine: { id: string; fiscalCode: string };

    beforeAll(async () => {
      mine = await register(counsellor);
    });

    it('refuses every beneficiary endpoint to the company role with 403', async () => {
      const attempts = [
        t.http().post('/api/beneficiaries').set(auth(company)).send(beneficiaryBody()),
        t.http().get('/api/beneficiaries').set(auth(company)),
        t.http().get(`/api/beneficiaries/${mine.id}`).set(auth(company)),
        t.http().patch(`/api/beneficiaries/${mine.id}`).set(auth(company)).send({ phone: '051 111111' }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
      }
    });

    it('hides a person from another counsellor with 404, in reads, changes and searches', async () => {
      const read = await t.http().get(`/api/beneficiaries/${mine.id}`).set(auth(otherCounsellor));
      expect(read.status).toBe(404);
      expect(read.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      const change = await t
        .http()
        .patch(`/api/beneficiaries/${mine.id}`)
        .set(auth(otherCounsellor))
        .send({ phone: '051 222222' });
      expect(change.status).toBe(404);
      const search = await t
        .http()
        .get('/api/beneficiaries')
        .query({ search: mine.fiscalCode })
        .set(auth(otherCounsellor));
      expect(search.body).toMatchObject({ items: [], total: 0 });
      const audit = await auditOf(mine.id);
      expect(audit.filter((entry) => entry.actorId === otherCounsellor.user.id)).toEqual([]);
    });

    it('shows the person to a counsellor once a case of theirs is assigned', async () => {
      const shared = await register(counsellor);
      await t.dataSource.query('INSERT INTO cases (beneficiary_id, counsellor_id) VALUES ($1, $2)', [
        shared.id,
        otherCounsellor.user.id,
      ]);
      const read = await t.http().get(`/api/beneficiaries/${shared.id}`).set(auth(otherCounsellor));
      expect(read.status).toBe(200);
      expect(read.body.id).toBe(shared.id);
    });

    it('shows every person to a coordinator and an admin', async () => {
      const byCoordinator = await t.http().get(`/api/beneficiaries/${mine.id}`).set(auth(coordinator));
      expect(byCoordinator.status).toBe(200);
      expect(byCoordinator.body.fiscalCode).toBe(mine.fiscalCode);
      const byAdmin = await t
        .http()
        .get(`/api/beneficiaries/${mine.id}`)
        .set({ Authorization: `Bearer ${t.adminToken}` });
      expect(byAdmin.status).toBe(200);
    });

    it('answers 400 for an id that is not a UUID and 404 for one that does not exist', async () => {
      const badRead = await t.http().get('/api/beneficiaries/not-a-uuid').set(auth(coordinator));
      expect(badRead.status).toBe(400);
      const badPatch = await t
        .http()
        .patch('/api/beneficiaries/123')
        .set(auth(coordinator))
        .send({ phone: '051 333333' });
      expect(badPatch.status).toBe(400);
      const missing = await t.http().get(`/api/beneficiaries/${randomUUID()}`).set(auth(coordinator));
      expect(missing.status).toBe(404);
    });
  });

  describe('search', () => {
    let quercioli: { id: string; fiscalCode: string };
    let gianna: { id: string };

    beforeAll(async () => {
      quercioli = await register(counsellor, { lastName: 'Quercioli', firstName: 'Ottavio' });
      gianna = await register(counsellor, { lastName: 'Bertolazzi', firstName: 'Querciola' });
      await register(otherCounsellor, { lastName: 'Quercini', firstName: 'Adele' });
    });

    const search = (user: TestUser, term: string) =>
      t.http().get('/api/beneficiaries').query({ search: term }).set(auth(user));

    it('finds by a case-insensitive prefix of the last or first name, among the people the caller sees', async () => {
      const found = await search(counsellor, 'querc');
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({ total: 2, page: 1, limit: 20 });
      expect(found.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
        [quercioli.id, gianna.id].sort(),
      );
      const everyone = await search(coordinator, 'QUERC');
      expect(everyone.body.total).toBe(3);
    });

    it('finds by exact fiscal code, in any case', async () => {
      const found = await search(counsellor, quercioli.fiscalCode.toLowerCase());
      expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([quercioli.id]);
    });

    it('logs every person a search shows as read by the searcher', async () => {
      await search(counsellor, quercioli.fiscalCode);
      const audit = await auditOf(quercioli.id);
      expect(audit[0]).toMatchObject({
        action: 'read',
        actorId: counsellor.user.id,
        details: { via: 'search' },
      });
    });

    it('treats LIKE wildcards in the term as plain characters', async () => {
      const found = await search(coordinator, '%');
      expect(found.body).toMatchObject({ items: [], total: 0 });
      const underscore = await search(coordinator, 'Quercio_i');
      expect(underscore.body.total).toBe(0);
    });

    it('pages the results and refuses a limit above 100', async () => {
      const firstPage = await search(coordinator, 'querc').query({ limit: 2, page: 2 });
      expect(firstPage.body).toMatchObject({ total: 3, page: 2, limit: 2 });
      expect(firstPage.body.items).toHaveLength(1);
      const tooMany = await t.http().get('/api/beneficiaries').query({ limit: 101 }).set(auth(coordinator));
      expect(tooMany.status).toBe(400);
    });
  });

  describe('changes and the audit log', () => {
    it('updates the given fields, bumps the version and logs the read and the change without values', async () => {
      const created = await register(counsellor, { phone: '051 000000', municipality: 'Bologna' });
      const read = await t
        .http()
        .get(`/api/beneficiaries/${created.id}`)
        .set({ ...auth(counsellor), 'X-Request-Id': 'read-request-1' });
      expect(read.status).toBe(200);

      const updated = await t
        .http()
        .patch(`/api/beneficiaries/${created.id}`)
        .set(auth(counsellor))
        .send({ phone: '051 999999', municipality: 'Imola', email: null, skills: ['warehouse', 'forklift'] });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        phone: '051 999999',
        municipality: 'Imola',
        email: null,
        skills: ['warehouse', 'forklift'],
        version: 2,
      });

      const audit = await auditOf(created.id);
      expect(audit.map((entry) => entry.action)).toEqual(['update', 'read', 'create']);
      expect(audit[0]).toMatchObject({
        actorId: counsellor.user.id,
        actorRole: 'counsellor',
        entityType: 'beneficiary',
        entityId: created.id,
        beneficiaryId: created.id,
        details: { changedFields: ['phone', 'municipality', 'email'] },
      });
      expect(JSON.stringify(audit)).not.toContain('999999');
      expect(JSON.stringify(audit)).not.toContain('Imola');
      expect(audit[1]).toMatchObject({
        actorId: counsellor.user.id,
        entityId: created.id,
        requestId: 'read-request-1',
      });

      const rows: { action: string }[] = await t.dataSource.query(
        'SELECT action FROM audit_log WHERE beneficiary_id = $1 ORDER BY id',
        [created.id],
      );
      expect(rows.map((row) => row.action)).toEqual(['create', 'read', 'update']);
    });

    it('checks the fiscal code against the merged record and changes nothing when they disagree', async () => {
      const someone = person({ gender: 'F', birthDate: '1975-09-03' });
      const created = await register(counsellor, someone);
      const wrongDate = await t
        .http()
        .patch(`/api/beneficiaries/${created.id}`)
        .set(auth(counsellor))
        .send({ birthDate: '1975-09-04' });
      expect(wrongDate.status).toBe(400);
      expect(wrongDate.body.details[0]).toMatchObject({ field: 'fiscalCode' });
      const wrongGender = await t
        .http()
        .patch(`/api/beneficiaries/${created.id}`)
        .set(auth(counsellor))
        .send({ gender: 'M' });
      expect(wrongGender.status).toBe(400);

      const nonBinary = await t
        .http()
        .patch(`/api/beneficiaries/${created.id}`)
        .set(auth(counsellor))
        .send({ gender: 'X' });
      expect(nonBinary.status).toBe(200);
      expect(nonBinary.body).toMatchObject({ gender: 'X', birthDate: '1975-09-03', version: 2 });
      const audit = await auditOf(created.id);
      expect(audit.map((entry) => entry.action)).toEqual(['update', 'create']);
    });

    it('refuses to take another person’s fiscal code with 409 and to clear a required field with 400', async () => {
      const first = await register(counsellor);
      const second = await register(counsellor, { birthDate: null, gender: null });
      const taken = await t
        .http()
        .patch(`/api/beneficiaries/${second.id}`)
        .set(auth(counsellor))
        .send({ fiscalCode: first.fiscalCode });
      expect(taken.status).toBe(409);
      const cleared = await t
        .http()
        .patch(`/api/beneficiaries/${second.id}`)
        .set(auth(counsellor))
        .send({ lastName: null, id: randomUUID() });
      expect(cleared.status).toBe(400);
      expect(cleared.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'id',
        'lastName',
      ]);
      const unchanged = await t.http().get(`/api/beneficiaries/${second.id}`).set(auth(counsellor));
      expect(unchanged.body).toMatchObject({
        fiscalCode: second.fiscalCode,
        lastName: second.lastName,
        version: 1,
      });
    });

    it('keeps the audit log from counsellors and companies', async () => {
      const byCounsellor = await t.http().get('/api/audit').set(auth(counsellor));
      expect(byCounsellor.status).toBe(403);
      const byCompany = await t.http().get('/api/audit').set(auth(company));
      expect(byCompany.status).toBe(403);
      const byAdmin = await t
        .http()
        .get('/api/audit')
        .set({ Authorization: `Bearer ${t.adminToken}` });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body).toMatchObject({ page: 1, limit: 20, total: expect.any(Number) });
    });

    it('filters the audit log by actor, newest first', async () => {
      const page = await t
        .http()
        .get('/api/audit')
        .query({ actorId: otherCounsellor.user.id, limit: 100 })
        .set(auth(coordinator));
      expect(page.status).toBe(200);
      const items = page.body.items as (AuditItem & { at: string; id: string })[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((item) => item.actorId === otherCounsellor.user.id)).toBe(true);
      const ids = items.map((item) => BigInt(item.id));
      expect([...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(ids);
    });
  });
});
