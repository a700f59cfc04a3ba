import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { placedCase, settled, waitForStatus } from './support/cases.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

interface FollowUp {
  id: string;
  placementId: string;
  caseId: string;
  monthsAfter: number;
  dueOn: string;
  overdue: boolean;
  recordedAt: string | null;
  employed: boolean | null;
  notes: string | null;
}

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/** Far enough ahead that every follow-up of the suite is due on or before it. */
const FAR_FUTURE = '2999-12-31';

describe('follow-ups', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;
  let coordinator: TestUser;
  let companyUser: TestUser;
  let companyId: string;

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

  const caseOf = async (caseId: string) =>
    (await t.http().get(`/api/cases/${caseId}`).set(auth(coordinator))).body as {
      status: string;
      closedReason: string | null;
    };

  const list = async (query: Record<string, string | number>, user: TestUser = counsellor) => {
    const response = await t.http().get('/api/follow-ups').query(query).set(auth(user));
    expect(response.status).toBe(200);
    return response.body as Page<FollowUp>;
  };

  const followUpsOf = async (caseId: string) =>
    (await list({ caseId, status: 'all', due: FAR_FUTURE }, coordinator)).items;

  const record = (id: string, body: Record<string, unknown>, user: TestUser = counsellor) =>
    t.http().patch(`/api/follow-ups/${id}`).set(auth(user)).send(body);

  const byMonths = (followUps: FollowUp[], months: number) =>
    followUps.find((followUp) => followUp.monthsAfter === months)!;

  beforeAll(async () => {
    t = await createTestApp();
    companyId = await t.createCompany();
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    companyUser = await t.userToken(Role.COMPANY, { companyId });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('a placement that started on 31 January 2025', () => {
    let caseId: string;
    let placementId: string;
    let followUps: FollowUp[];

    beforeAll(async () => {
      ({ caseId, placementId } = await placedCase(t, counsellor, { companyId, startsOn: '2025-01-31' }));
      followUps = await followUpsOf(caseId);
    });

    it('schedules three follow-ups at +3, +6 and +12 months, clamped to the month end', () => {
      expect(followUps.map((followUp) => [followUp.monthsAfter, followUp.dueOn])).toEqual([
        [3, '2025-04-30'],
        [6, '2025-07-31'],
        [12, '2026-01-31'],
      ]);
      for (const followUp of followUps) {
        expect(followUp).toMatchObject({ placementId, caseId, recordedAt: null, employed: null });
      }
    });

    it('lists the open follow-ups due on or before the given day, flagging the overdue ones', async () => {
      const dueByMay = await list({ caseId, due: '2025-05-01' });
      expect(dueByMay.items.map((followUp) => followUp.monthsAfter)).toEqual([3]);
      expect(dueByMay).toMatchObject({ total: 1, page: 1, limit: 20 });
      expect(dueByMay.items[0].overdue).toBe(true);

      const dueBeforeAny = await list({ caseId, due: '2025-04-29' });
      expect(dueBeforeAny.items).toEqual([]);

      const dueToday = await list({ caseId });
      expect(dueToday.items.map((followUp) => followUp.monthsAfter)).toEqual([3, 6, 12]);
      expect(dueToday.items.every((followUp) => followUp.overdue)).toBe(true);
    });

    it('pages the list', async () => {
      const first = await list({ caseId, limit: 2, page: 1 });
      const second = await list({ caseId, limit: 2, page: 2 });
      expect(first).toMatchObject({ total: 3, limit: 2, page: 1 });
      expect([...first.items, ...second.items].map((followUp) => followUp.monthsAfter)).toEqual([3, 6, 12]);
    });

    it('records the +3-month follow-up without closing the case, and refuses a second recording', async () => {
      const threeMonths = byMonths(followUps, 3);
      const recorded = await record(threeMonths.id, { employed: true, notes: '  Doing well, full time  ' });
      expect(recorded.status).toBe(200);
      expect(recorded.body).toMatchObject({
        id: threeMonths.id,
        employed: true,
        notes: 'Doing well, full time',
        overdue: false,
        recordedById: counsellor.user.id,
      });
      expect(recorded.body.recordedAt).toEqual(expect.any(String));

      const again = await record(threeMonths.id, { employed: false });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('FOLLOW_UP_ALREADY_RECORDED');
      const stored = byMonths(await followUpsOf(caseId), 3);
      expect(stored).toMatchObject({ employed: true, notes: 'Doing well, full time' });

      await settled(t, coordinator, caseId);
      expect(await caseOf(caseId)).toMatchObject({ status: 'placed' });
      const timeline = await t.http().get(`/api/cases/${caseId}/timeline`).set(auth(counsellor));
      const events = (
        timeline.body.items as Array<{ type: string; payload: unknown; toState: string | null }>
      ).filter((event) => event.type === 'followup.recorded');
      expect(events).toEqual([
        expect.objectContaining({
          payload: { followUpId: threeMonths.id, placementId, monthsAfterPlacement: 3, employed: true },
          toState: null,
        }),
      ]);
    });

    it('drops a recorded follow-up from the open list and shows it with status=recorded', async () => {
      const open = await list({ caseId });
      expect(open.items.map((followUp) => followUp.monthsAfter)).toEqual([6, 12]);
      const recorded = await list({ caseId, status: 'recorded' });
      expect(recorded.items.map((followUp) => followUp.monthsAfter)).toEqual([3]);
      const all = await list({ caseId, status: 'all' });
      expect(all.total).toBe(3);
    });

    it('refuses a recording without a boolean employed, or with unknown fields, and changes nothing', async () => {
      const sixMonths = byMonths(followUps, 6);
      for (const body of [
        {},
        { employed: 'yes' },
        { employed: 1 },
        { employed: null },
        { employed: true, recordedAt: '2025-01-01T00:00:00Z' },
        { employed: true, notes: 42 },
        { employed: true, notes: 'x'.repeat(5001) },
      ]) {
        const response = await record(sixMonths.id, body);
        expect(response.status).toBe(400);
      }
      expect(byMonths(await followUpsOf(caseId), 6)).toMatchObject({ recordedAt: null, employed: null });
    });

    it('keeps the case placed after the +6-month follow-up', async () => {
      const recorded = await record(byMonths(followUps, 6).id, { employed: false });
      expect(recorded.status).toBe(200);
      await settled(t, coordinator, caseId);
      expect(await caseOf(caseId)).toMatchObject({ status: 'placed', closedReason: null });
    });

    it('closes the case as completed at the +12-month follow-up', async () => {
      const recorded = await record(byMonths(followUps, 12).id, { employed: true });
      expect(recorded.status).toBe(200);
      await waitForStatus(t, coordinator, caseId, 'closed');
      expect(await caseOf(caseId)).toMatchObject({ status: 'closed', closedReason: 'completed' });
    });
  });

  it('still records an earlier follow-up after the +12-month one closed the case', async () => {
    const { caseId } = await placedCase(t, counsellor, { companyId, startsOn: '2025-03-15' });
    const followUps = await followUpsOf(caseId);
    expect((await record(byMonths(followUps, 12).id, { employed: true })).status).toBe(200);
    await waitForStatus(t, coordinator, caseId, 'closed');
    const late = await record(byMonths(followUps, 6).id, { employed: true });
    expect(late.status).toBe(200);
    await settled(t, coordinator, caseId);
    expect(await caseOf(caseId)).toMatchObject({ status: 'closed', closedReason: 'completed' });
  });

  it('does not flag or list a follow-up before its day, nor record it early', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { caseId } = await placedCase(t, counsellor, { companyId, startsOn: today });
    expect((await list({ caseId })).items).toEqual([]);
    const upcoming = (await list({ caseId, due: FAR_FUTURE })).items;
    expect(upcoming).toHaveLength(3);
    expect(upcoming.every((followUp) => !followUp.overdue)).toBe(true);

    const early = await record(upcoming[0].id, { employed: true });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('FOLLOW_UP_NOT_DUE');
    expect(byMonths(await followUpsOf(caseId), 3).recordedAt).toBeNull();
  });

  it('schedules no follow-ups for an extension', async () => {
    const { caseId, placementId } = await placedCase(t, counsellor, { companyId, startsOn: '2025-02-01' });
    const extension = await t.http().post(`/api/cases/${caseId}/placements`).set(auth(counsellor)).send({
      companyId,
      contractType: 'permanent',
      kind: 'extension',
      extendsPlacementId: placementId,
      startsOn: '2025-08-01',
      hoursPerWeek: 40,
    });
    expect(extension.status).toBe(201);
    const followUps = await followUpsOf(caseId);
    expect(followUps).toHaveLength(3);
    expect(followUps.every((followUp) => followUp.placementId === placementId)).toBe(true);
  });

  describe('access', () => {
    let caseId: string;
    let followUpId: string;

    beforeAll(async () => {
      ({ caseId } = await placedCase(t, counsellor, { companyId, startsOn: '2025-04-01' }));
      followUpId = byMonths(await followUpsOf(caseId), 3).id;
    });

    it('hides another counsellor’s follow-ups from the list and answers 404 for them', async () => {
      const foreignList = await list({ due: FAR_FUTURE, status: 'all' }, otherCounsellor);
      expect(foreignList.items.map((followUp) => followUp.caseId)).not.toContain(caseId);
      const filtered = await list({ caseId, due: FAR_FUTURE }, otherCounsellor);
      expect(filtered).toMatchObject({ items: [], total: 0 });

      const one = await t.http().get(`/api/follow-ups/${followUpId}`).set(auth(otherCounsellor));
      expect(one.status).toBe(404);
      const recorded = await record(followUpId, { employed: true }, otherCounsellor);
      expect(recorded.status).toBe(404);
      expect(byMonths(await followUpsOf(caseId), 3).recordedAt).toBeNull();
    });

    it('shows every case’s follow-ups to a coordinator, who may record them', async () => {
      const all = await list({ due: FAR_FUTURE, status: 'all', limit: 100 }, coordinator);
      expect(all.items.map((followUp) => followUp.caseId)).toContain(caseId);
      const one = await t.http().get(`/api/follow-ups/${followUpId}`).set(auth(coordinator));
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: followUpId, monthsAfter: 3, dueOn: '2025-07-01' });

      const sixMonths = byMonths(await followUpsOf(caseId), 6);
      const recorded = await record(sixMonths.id, { employed: true }, coordinator);
      expect(recorded.status).toBe(200);
      expect(recorded.body).toMatchObject({ employed: true, recordedById: coordinator.user.id });
    });

    it('forbids the company role with 403', async () => {
      const listed = await t.http().get('/api/follow-ups').set(auth(companyUser));
      expect(listed.status).toBe(403);
      const one = await t.http().get(`/api/follow-ups/${followUpId}`).set(auth(companyUser));
      expect(one.status).toBe(403);
      const recorded = await record(followUpId, { employed: true }, companyUser);
      expect(recorded.status).toBe(403);
      expect(byMonths(await followUpsOf(caseId), 3).recordedAt).toBeNull();
    });

    it('answers 404 for a follow-up that does not exist and 400 for a bad id or query', async () => {
      expect((await record(randomUUID(), { employed: true })).status).toBe(404);
      expect((await record('not-a-uuid', { employed: true })).status).toBe(400);
      for (const query of [
        { due: '2025-02-30' },
        { due: 'today' },
        { status: 'late' },
        { caseId: 'abc' },
        { limit: 101 },
        { page: 0 },
        { sort: 'dueOn' },
      ]) {
        const response = await t.http().get('/api/follow-ups').query(query).set(auth(counsellor));
        expect(response.status).toBe(400);
      }
    });
  });
});
