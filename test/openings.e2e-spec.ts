import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { openingBody } from './support/fixtures.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

interface Opening {
  id: string;
  companyId: string;
  title: string;
  description: string;
  positions: number;
  hires: number;
  status: string;
  skills: string[];
  closesOn: string;
}

describe('openings, end to end', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let counsellor: TestUser;
  let companyA: string;
  let companyB: string;
  let userA: TestUser;
  let userB: TestUser;

  const auth = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });

  async function post(user: TestUser, companyId: string, overrides: Record<string, unknown> = {}) {
    return t.http().post(`/api/companies/${companyId}/openings`).set(auth(user)).send(openingBody(overrides));
  }

  async function create(
    user: TestUser,
    companyId: string,
    overrides: Record<string, unknown> = {},
  ): Promise<Opening> {
    const created = await post(user, companyId, overrides);
    expect(created.status).toBe(201);
    return created.body as Opening;
  }

  async function storedWithTitle(title: unknown): Promise<number> {
    const rows: { count: string }[] = await t.dataSource.query(
      'SELECT count(*) AS count FROM openings WHERE title = $1',
      [title],
    );
    return Number(rows[0].count);
  }

  async function read(id: string): Promise<Opening> {
    const found = await t.http().get(`/api/openings/${id}`).set(auth(coordinator));
    expect(found.status).toBe(200);
    return found.body as Opening;
  }

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    coordinator = await t.userToken(Role.COORDINATOR);
    counsellor = await t.userToken(Role.COUNSELLOR);
    companyA = await t.createCompany();
    companyB = await t.createCompany();
    userA = await t.userToken(Role.COMPANY, { companyId: companyA });
    userB = await t.userToken(Role.COMPANY, { companyId: companyB });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('posting', () => {
    it('lets a company user post an opening for its own company, skills stored lower-cased', async () => {
      const body = openingBody({ skills: ['Forklift', ' WAREHOUSE ', 'forklift'] });
      const created = await t.http().post(`/api/companies/${companyA}/openings`).set(auth(userA)).send(body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        companyId: companyA,
        title: body.title,
        positions: 2,
        hires: 0,
        contractType: 'fixed_term',
        closesOn: '2099-06-30',
        status: 'open',
        skills: ['forklift', 'warehouse'],
      });
    });

    it('lets a coordinator post an opening for any company, with no skills', async () => {
      const created = await post(coordinator, companyB, { skills: undefined });
      expect(created.status).toBe(201);
      expect(created.body.skills).toEqual([]);
    });

    it("hides another company from a company user's post with 404 and stores nothing", async () => {
      const body = openingBody();
      const res = await t.http().post(`/api/companies/${companyB}/openings`).set(auth(userA)).send(body);
      expect(res.status).toBe(404);
      expect(await storedWithTitle(body.title)).toBe(0);
    });

    it('forbids counsellors from posting openings', async () => {
      const body = openingBody();
      const res = await t.http().post(`/api/companies/${companyA}/openings`).set(auth(counsellor)).send(body);
      expect(res.status).toBe(403);
      expect(await storedWithTitle(body.title)).toBe(0);
    });

    it('answers 404 for a company that does not exist', async () => {
      const res = await post(coordinator, randomUUID());
      expect(res.status).toBe(404);
    });

    it.each([
      ['no positions', { positions: 0 }, 'positions'],
      ['fractional positions', { positions: 1.5 }, 'positions'],
      ['a closing day in the past', { closesOn: '2020-01-01' }, 'closesOn'],
      ['a closing day that does not exist', { closesOn: '2099-02-30' }, 'closesOn'],
      ['an unknown contract type', { contractType: 'self_employment' }, 'contractType'],
      ['skills that are not a list of strings', { skills: 'forklift' }, 'skills'],
      ['a null skills list', { skills: null }, 'skills'],
      ['an empty skill', { skills: [''] }, 'skills'],
      ['an empty description', { description: '' }, 'description'],
      ['a read-only field', { status: 'filled' }, 'status'],
      ['an unknown field', { salary: 1500 }, 'salary'],
    ])('refuses %s with 400 and stores nothing', async (_label, overrides, field) => {
      const body = openingBody(overrides);
      const res = await t.http().post(`/api/companies/${companyA}/openings`).set(auth(userA)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
      expect(await storedWithTitle(body.title)).toBe(0);
    });
  });

  describe('listing and reading', () => {
    let tag: string;
    let welding: Opening;
    let weldingClosed: Opening;
    let cooking: Opening;

    beforeAll(async () => {
      tag = `skill-${randomBytes(4).toString('hex')}`;
      welding = await create(userA, companyA, { skills: [tag.toUpperCase(), 'Welding'] });
      weldingClosed = await create(coordinator, companyB, { skills: [tag] });
      cooking = await create(userB, companyB, { skills: ['cooking'] });
      const closed = await t
        .http()
        .patch(`/api/openings/${weldingClosed.id}`)
        .set(auth(coordinator))
        .send({ status: 'closed' });
      expect(closed.status).toBe(200);
    });

    it('filters by skill case-insensitively, and by status', async () => {
      const bySkill = await t.http().get('/api/openings').query({ skill: tag }).set(auth(counsellor));
      expect(bySkill.status).toBe(200);
      expect(bySkill.body.total).toBe(2);
      expect(bySkill.body.items.map((item: Opening) => item.id).sort()).toEqual(
        [welding.id, weldingClosed.id].sort(),
      );

      const open = await t
        .http()
        .get('/api/openings')
        .query({ skill: tag.toUpperCase(), status: 'open' })
        .set(auth(counsellor));
      expect(open.body.items.map((item: Opening) => item.id)).toEqual([welding.id]);

      const closed = await t
        .http()
        .get('/api/openings')
        .query({ skill: tag, status: 'closed' })
        .set(auth(coordinator));
      expect(closed.body.items.map((item: Opening) => item.id)).toEqual([weldingClosed.id]);
    });

    it('matches a whole skill, not part of one', async () => {
      const res = await t
        .http()
        .get('/api/openings')
        .query({ skill: tag.slice(0, -1) })
        .set(auth(counsellor));
      expect(res.body.total).toBe(0);
    });

    it('filters by company', async () => {
      const res = await t
        .http()
        .get('/api/openings')
        .query({ companyId: companyB, limit: 100 })
        .set(auth(counsellor));
      expect(res.status).toBe(200);
      const ids = res.body.items.map((item: Opening) => item.id);
      expect(ids).toEqual(expect.arrayContaining([weldingClosed.id, cooking.id]));
      expect(res.body.items.every((item: Opening) => item.companyId === companyB)).toBe(true);
    });

    it("shows a company user only its own openings, even when it asks for another company's", async () => {
      const own = await t.http().get('/api/openings').query({ limit: 100 }).set(auth(userA));
      expect(own.status).toBe(200);
      expect(own.body.total).toBeGreaterThan(0);
      expect(own.body.items.every((item: Opening) => item.companyId === companyA)).toBe(true);
      const other = await t.http().get('/api/openings').query({ companyId: companyB }).set(auth(userA));
      expect(other.body).toMatchObject({ total: 0, items: [] });
    });

    it('pages the list', async () => {
      const first = await t
        .http()
        .get('/api/openings')
        .query({ companyId: companyB, limit: 1 })
        .set(auth(coordinator));
      const second = await t
        .http()
        .get('/api/openings')
        .query({ companyId: companyB, limit: 1, page: 2 })
        .set(auth(coordinator));
      expect(first.body).toMatchObject({ page: 1, limit: 1 });
      expect(first.body.items).toHaveLength(1);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    });

    it.each([
      ['an unknown status', { status: 'archived' }],
      ['a malformed companyId', { companyId: 'acme' }],
      ['a page size above 100', { limit: 101 }],
      ['an unknown filter', { salary: 1 }],
    ])('refuses %s with 400', async (_label, query) => {
      const res = await t.http().get('/api/openings').query(query).set(auth(counsellor));
      expect(res.status).toBe(400);
    });

    it("reads one opening, hiding another company's from a company user with 404", async () => {
      const own = await t.http().get(`/api/openings/${welding.id}`).set(auth(userA));
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: welding.id, companyId: companyA });
      const other = await t.http().get(`/api/openings/${cooking.id}`).set(auth(userA));
      expect(other.status).toBe(404);
      const byCounsellor = await t.http().get(`/api/openings/${cooking.id}`).set(auth(counsellor));
      expect(byCounsellor.status).toBe(200);
      const absent = await t.http().get(`/api/openings/${randomUUID()}`).set(auth(coordinator));
      expect(absent.status).toBe(404);
    });
  });

  describe('editing and closing', () => {
    it('lets a company user edit and close its own opening, and reopen it', async () => {
      const opening = await create(userA, companyA);
      const edited = await t
        .http()
        .patch(`/api/openings/${opening.id}`)
        .set(auth(userA))
        .send({ title: 'Carrellista', positions: 3, skills: ['Forklift'] });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        title: 'Carrellista',
        positions: 3,
        skills: ['forklift'],
        status: 'open',
      });

      const closed = await t
        .http()
        .patch(`/api/openings/${opening.id}`)
        .set(auth(userA))
        .send({ status: 'closed' });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', title: 'Carrellista' });

      const reopened = await t
        .http()
        .patch(`/api/openings/${opening.id}`)
        .set(auth(coordinator))
        .send({ status: 'open' });
      expect(reopened.status).toBe(200);
      expect(reopened.body.status).toBe('open');
    });

    it("hides another company's opening from a company user's edit with 404, changing nothing", async () => {
      const opening = await create(userB, companyB);
      const res = await t
        .http()
        .patch(`/api/openings/${opening.id}`)
        .set(auth(userA))
        .send({ status: 'closed' });
      expect(res.status).toBe(404);
      expect((await read(opening.id)).status).toBe('open');
    });

    it('forbids counsellors from editing openings', async () => {
      const opening = await create(userA, companyA);
      const res = await t
        .http()
        .patch(`/api/openings/${opening.id}`)
        .set(auth(counsellor))
        .send({ status: 'closed' });
      expect(res.status).toBe(403);
      expect((await read(opening.id)).status).toBe('open');
    });

    it.each([
      ['setting filled by hand', { status: 'filled' }],
      ['a closing day in the past', { closesOn: '2020-01-01' }],
      ['no positions', { positions: 0 }],
      ['a null title', { title: null }],
      ['moving it to another company', { companyId: randomUUID() }],
      ['setting its hires', { hires: 1 }],
    ])('refuses %s with 400, changing nothing', async (_label, change) => {
      const opening = await create(userA, companyA);
      const res = await t.http().patch(`/api/openings/${opening.id}`).set(auth(userA)).send(change);
      expect(res.status).toBe(400);
      const after = await read(opening.id);
      expect(after).toMatchObject({
        status: 'open',
        closesOn: opening.closesOn,
        positions: opening.positions,
        title: opening.title,
        companyId: companyA,
        hires: 0,
      });
    });

    it('answers 404 when editing an opening that does not exist', async () => {
      const res = await t
        .http()
        .patch(`/api/openings/${randomUUID()}`)
        .set(auth(coordinator))
        .send({ status: 'closed' });
      expect(res.status).toBe(404);
    });
  });
});
