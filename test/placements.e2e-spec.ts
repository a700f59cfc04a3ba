import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { caseInOrientation, caseStatus, moveCase, settled, waitForStatus } from './support/cases.js';
import { createOpening } from './support/openings.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

interface Metrics {
  placements: number;
  peoplePlaced: number;
}

describe('placements', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;
  let coordinator: TestUser;
  let companyUser: TestUser;
  let companyId: string;
  let otherCompanyId: string;
  let openingId: string;

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

  const metrics = async (): Promise<Metrics> =>
    (await t.http().get('/api/metrics').set(auth(coordinator))).body as Metrics;

  const placementsOf = async (caseId: string) => {
    const listed = await t.http().get(`/api/cases/${caseId}/placements`).set(auth(coordinator));
    expect(listed.body.total).toBe(listed.body.items.length);
    return listed.body.items as Array<{ id: string; kind: string }>;
  };

  const placementBody = (overrides: Record<string, unknown> = {}) => ({
    companyId,
    openingId,
    contractType: 'fixed_term',
    startsOn: '2026-02-01',
    hoursPerWeek: 38.5,
    ...overrides,
  });

  const place = (caseId: string, body: Record<string, unknown>, user: TestUser = counsellor) =>
    t.http().post(`/api/cases/${caseId}/placements`).set(auth(user)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    companyId = await t.createCompany({ name: 'Magazzini Felsinei' });
    otherCompanyId = await t.createCompany({ name: 'Cooperativa Reno' });
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    openingId = await createOpening(t, coordinator, companyId);
    companyUser = await t.userToken(Role.COMPANY, { companyId });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('a new placement and its extension', () => {
    let caseId: string;
    let placementId: string;

    it('records a new placement on a case in orientation, places the case and counts contract and person', async () => {
      caseId = await caseInOrientation(t, counsellor);
      await settled(t, coordinator, caseId);
      const before = await metrics();

      const created = await place(caseId, placementBody());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        caseId,
        companyId,
        openingId,
        contractType: 'fixed_term',
        kind: 'new',
        extendsPlacementId: null,
        startsOn: '2026-02-01',
        hoursPerWeek: 38.5,
        source: 'direct',
        sourceId: null,
        createdById: counsellor.user.id,
      });
      expect(created.body.beneficiaryId).toEqual(expect.any(String));
      placementId = created.body.id;

      await waitForStatus(t, coordinator, caseId, 'placed');
      await settled(t, coordinator, caseId);
      const after = await metrics();
      expect(after.placements).toBe(before.placements + 1);
      expect(after.peoplePlaced).toBe(before.peoplePlaced + 1);

      const timeline = await t.http().get(`/api/cases/${caseId}/timeline`).set(auth(counsellor));
      const recorded = (
        timeline.body.items as Array<{ type: string; payload: unknown; toState: string }>
      ).find((event) => event.type === 'placement.recorded');
      expect(recorded).toMatchObject({
        payload: { placementId, kind: 'new', contractType: 'fixed_term', companyId },
        toState: 'placed',
      });
    });

    it('shows the placement to its counsellor and to a coordinator', async () => {
      const own = await t.http().get(`/api/placements/${placementId}`).set(auth(counsellor));
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: placementId, caseId, kind: 'new' });
      const byCoordinator = await t.http().get(`/api/placements/${placementId}`).set(auth(coordinator));
      expect(byCoordinator.status).toBe(200);
    });

    it('refuses a second new placement on the same case with 409', async () => {
      const before = await metrics();
      const second = await place(caseId, placementBody({ startsOn: '2026-03-01' }));
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ statusCode: 409, code: 'PLACEMENT_ALREADY_PLACED' });
      expect(await placementsOf(caseId)).toHaveLength(1);
      expect(await metrics()).toMatchObject({ placements: before.placements });
    });

    it('counts an extension as a placement but not as a new person, and keeps the case placed', async () => {
      const before = await metrics();
      const extension = await place(
        caseId,
        placementBody({ kind: 'extension', extendsPlacementId: placementId, startsOn: '2026-08-01' }),
      );
      expect(extension.status).toBe(201);
      expect(extension.body).toMatchObject({ kind: 'extension', extendsPlacementId: placementId });

      await waitFor(async () => (await metrics()).placements === before.placements + 1, {
        message: 'extension counted',
      });
      await settled(t, coordinator, caseId);
      expect((await metrics()).peoplePlaced).toBe(before.peoplePlaced);
      expect(await caseStatus(t, coordinator, caseId)).toBe('placed');
    });

    it('counts a conversion to a permanent contract the same way', async () => {
      const before = await metrics();
      const conversion = await place(
        caseId,
        placementBody({
          kind: 'conversion',
          extendsPlacementId: placementId,
          contractType: 'permanent',
          startsOn: '2027-02-01',
        }),
      );
      expect(conversion.status).toBe(201);
      await settled(t, coordinator, caseId);
      expect(await metrics()).toMatchObject({
        placements: before.placements + 1,
        peoplePlaced: before.peoplePlaced,
      });
    });

    it('lists the contracts of the case oldest first', async () => {
      const listed = await t.http().get(`/api/cases/${caseId}/placements`).set(auth(counsellor));
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({ items: expect.any(Array), total: 3, page: 1, limit: 20 });
      expect(listed.body.items.map((p: { kind: string; startsOn: string }) => [p.kind, p.startsOn])).toEqual([
        ['new', '2026-02-01'],
        ['extension', '2026-08-01'],
        ['conversion', '2027-02-01'],
      ]);
    });

    it('pages the contracts of the case in the same order', async () => {
      const second = await t
        .http()
        .get(`/api/cases/${caseId}/placements?limit=1&page=2`)
        .set(auth(counsellor));
      expect(second.status).toBe(200);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ kind: 'extension', startsOn: '2026-08-01' })],
        total: 3,
        page: 2,
        limit: 1,
      });
      const beyond = await t
        .http()
        .get(`/api/cases/${caseId}/placements?limit=2&page=3`)
        .set(auth(counsellor));
      expect(beyond.body).toEqual({ items: [], total: 3, page: 3, limit: 2 });
    });

    it.each(['limit=101', 'limit=0', 'page=0', 'page=x'])('refuses ?%s with 400', async (query) => {
      const refused = await t.http().get(`/api/cases/${caseId}/placements?${query}`).set(auth(counsellor));
      expect(refused.status).toBe(400);
    });

    it('refuses an extension without extendsPlacementId with 400', async () => {
      const response = await place(caseId, placementBody({ kind: 'extension' }));
      expect(response.status).toBe(400);
      expect(await placementsOf(caseId)).toHaveLength(3);
    });

    it('refuses an extension with another company, or starting before the contract it extends', async () => {
      const otherCompany = await place(
        caseId,
        placementBody({
          kind: 'extension',
          extendsPlacementId: placementId,
          companyId: otherCompanyId,
          openingId: undefined,
        }),
      );
      expect(otherCompany.status).toBe(400);
      expect(otherCompany.body.code).toBe('PLACEMENT_EXTENSION_COMPANY_MISMATCH');
      const earlier = await place(
        caseId,
        placementBody({ kind: 'extension', extendsPlacementId: placementId, startsOn: '2026-01-01' }),
      );
      expect(earlier.status).toBe(400);
      expect(earlier.body.code).toBe('PLACEMENT_STARTS_BEFORE_EXTENDED');
      expect(await placementsOf(caseId)).toHaveLength(3);
    });

    it('refuses to extend a placement of another case with 404', async () => {
      const otherCase = await caseInOrientation(t, counsellor);
      const foreign = await place(
        otherCase,
        placementBody({ kind: 'extension', extendsPlacementId: placementId }),
      );
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('PLACEMENT_EXTENDED_NOT_FOUND');
      const absent = await place(
        otherCase,
        placementBody({ kind: 'conversion', extendsPlacementId: randomUUID() }),
      );
      expect(absent.status).toBe(404);
      expect(await placementsOf(otherCase)).toHaveLength(0);
    });

    it('refuses extendsPlacementId on a new placement with 400', async () => {
      const otherCase = await caseInOrientation(t, counsellor);
      const response = await place(otherCase, placementBody({ extendsPlacementId: placementId }));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('PLACEMENT_EXTENDS_NOT_ALLOWED');
      expect(await placementsOf(otherCase)).toHaveLength(0);
    });

    it('hides the placements from another counsellor with 404', async () => {
      const posted = await place(
        caseId,
        placementBody({ kind: 'extension', extendsPlacementId: placementId }),
        otherCounsellor,
      );
      expect(posted.status).toBe(404);
      const listed = await t.http().get(`/api/cases/${caseId}/placements`).set(auth(otherCounsellor));
      expect(listed.status).toBe(404);
      const one = await t.http().get(`/api/placements/${placementId}`).set(auth(otherCounsellor));
      expect(one.status).toBe(404);
      expect(await placementsOf(caseId)).toHaveLength(3);
    });

    it('forbids the company role with 403', async () => {
      const posted = await place(caseId, placementBody(), companyUser);
      expect(posted.status).toBe(403);
      const listed = await t.http().get(`/api/cases/${caseId}/placements`).set(auth(companyUser));
      expect(listed.status).toBe(403);
      const one = await t.http().get(`/api/placements/${placementId}`).set(auth(companyUser));
      expect(one.status).toBe(403);
    });
  });

  describe('bad input', () => {
    let caseId: string;

    beforeAll(async () => {
      caseId = await caseInOrientation(t, counsellor);
    });

    it.each([
      ['self_employment as contract type', { contractType: 'self_employment' }],
      ['an unknown contract type', { contractType: 'freelance' }],
      ['an unknown kind', { kind: 'renewal' }],
      ['no companyId', { companyId: undefined }],
      ['a companyId that is not a uuid', { companyId: 'acme' }],
      ['zero hours', { hoursPerWeek: 0 }],
      ['negative hours', { hoursPerWeek: -5 }],
      ['more than 60 hours', { hoursPerWeek: 60.5 }],
      ['hours with two decimals', { hoursPerWeek: 37.25 }],
      ['hours as a string', { hoursPerWeek: '38' }],
      ['no hours', { hoursPerWeek: undefined }],
      ['a date that does not exist', { startsOn: '2026-02-30' }],
      ['a date in another format', { startsOn: '01/02/2026' }],
      ['a timestamp for a date', { startsOn: '2026-02-01T00:00:00Z' }],
      ['no start date', { startsOn: undefined }],
      ['an unknown field', { salary: 1500 }],
      ['a read-only field', { source: 'grant' }],
    ])('refuses %s with 400 and stores nothing', async (_name, overrides) => {
      const response = await place(caseId, placementBody(overrides));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(await placementsOf(caseId)).toHaveLength(0);
    });

    it('refuses an unknown company with 404 and an opening of another company with 400', async () => {
      const unknownCompany = await place(
        caseId,
        placementBody({ companyId: randomUUID(), openingId: undefined }),
      );
      expect(unknownCompany.status).toBe(404);
      expect(unknownCompany.body.code).toBe('PLACEMENT_COMPANY_NOT_FOUND');
      const unknownOpening = await place(caseId, placementBody({ openingId: randomUUID() }));
      expect(unknownOpening.status).toBe(404);
      expect(unknownOpening.body.code).toBe('PLACEMENT_OPENING_NOT_FOUND');
      const foreignOpening = await place(caseId, placementBody({ companyId: otherCompanyId }));
      expect(foreignOpening.status).toBe(400);
      expect(foreignOpening.body.code).toBe('PLACEMENT_OPENING_COMPANY_MISMATCH');
      expect(await placementsOf(caseId)).toHaveLength(0);
      expect(await caseStatus(t, coordinator, caseId)).toBe('orientation');
    });

    it('answers 404 for a case that does not exist', async () => {
      const response = await place(randomUUID(), placementBody());
      expect(response.status).toBe(404);
    });
  });

  describe('case state', () => {
    it('refuses a new placement on a case on hold with 409', async () => {
      const caseId = await caseInOrientation(t, counsellor);
      await moveCase(t, counsellor, caseId, { to: 'on_hold', reason: 'health' });
      await waitForStatus(t, coordinator, caseId, 'on_hold');
      const response = await place(caseId, placementBody());
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('PLACEMENT_CASE_NOT_ACTIVE');
      expect(await placementsOf(caseId)).toHaveLength(0);
    });

    it('refuses any placement on a closed case with 409', async () => {
      const caseId = await caseInOrientation(t, counsellor);
      await moveCase(t, counsellor, caseId, { to: 'closed', reason: 'moved_away' });
      await waitForStatus(t, coordinator, caseId, 'closed');
      const response = await place(caseId, placementBody());
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('PLACEMENT_CASE_CLOSED');
      expect(await placementsOf(caseId)).toHaveLength(0);
    });

    it('lets a coordinator record a placement on any case', async () => {
      const caseId = await caseInOrientation(t, counsellor);
      const response = await place(caseId, placementBody({ openingId: undefined }), coordinator);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ createdById: coordinator.user.id, openingId: null });
      await waitForStatus(t, coordinator, caseId, 'placed');
    });
  });

  describe('under concurrency', () => {
    it('lets exactly one of simultaneous new placements of a case through, and counts it once', async () => {
      const caseId = await caseInOrientation(t, counsellor);
      await settled(t, coordinator, caseId);
      const before = await metrics();

      const responses = await Promise.all(
        ['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05'].map((startsOn) =>
          place(caseId, placementBody({ startsOn })),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409]);
      for (const refused of responses.filter((response) => response.status === 409)) {
        expect(refused.body.code).toBe('PLACEMENT_ALREADY_PLACED');
      }

      await waitForStatus(t, coordinator, caseId, 'placed');
      await settled(t, coordinator, caseId);
      expect(await metrics()).toMatchObject({
        placements: before.placements + 1,
        peoplePlaced: before.peoplePlaced + 1,
      });
      expect(await placementsOf(caseId)).toHaveLength(1);
      const [{ events }] = await t.dataSource.query<Array<{ events: number }>>(
        `SELECT count(*)::int AS events FROM case_events WHERE case_id = $1 AND type = 'placement.recorded'`,
        [caseId],
      );
      expect(events).toBe(1);
      const [{ followUps }] = await t.dataSource.query<Array<{ followUps: number }>>(
        `SELECT count(*)::int AS "followUps" FROM follow_ups WHERE case_id = $1`,
        [caseId],
      );
      expect(followUps).toBe(3);
    });
  });
});
