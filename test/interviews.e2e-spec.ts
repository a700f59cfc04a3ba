import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { bearer, openCase, scheduleInterview, waitForStatus } from './support/cases.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

const HELD_AT = '2026-01-10T09:45:00.000Z';

describe('recording an interview as held', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
  });

  afterAll(async () => {
    await t.close();
  });

  async function scheduled(): Promise<{ caseId: string; interviewId: string }> {
    const { caseId } = await openCase(t, counsellor);
    return { caseId, interviewId: await scheduleInterview(t, counsellor, caseId) };
  }

  const patch = (interviewId: string, body: Record<string, unknown>, as: TestUser = counsellor) =>
    t.http().patch(`/api/interviews/${interviewId}`).set(bearer(as)).send(body);

  async function heldEvents(caseId: string): Promise<number> {
    const [{ count }] = await t.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM case_events WHERE case_id = $1 AND type = 'interview.held'`,
      [caseId],
    );
    return count;
  }

  async function stored(interviewId: string) {
    const [row] = await t.dataSource.query<Array<Record<string, unknown>>>(
      'SELECT held_at, triage, notes, updated_at FROM interviews WHERE id = $1',
      [interviewId],
    );
    return row;
  }

  it('records it with the other fields of the same request, and one interview.held event', async () => {
    const { caseId, interviewId } = await scheduled();
    const held = await patch(interviewId, {
      heldAt: HELD_AT,
      triage: 'needs_training',
      notes: 'CV to update',
    });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({
      id: interviewId,
      heldAt: HELD_AT,
      triage: 'needs_training',
      notes: 'CV to update',
    });
    expect(await heldEvents(caseId)).toBe(1);
    const [event] = await t.dataSource.query<Array<{ payload: unknown; actor_id: string }>>(
      `SELECT payload, actor_id FROM case_events WHERE case_id = $1 AND type = 'interview.held'`,
      [caseId],
    );
    expect(event).toEqual({
      payload: { interviewId, triage: 'needs_training' },
      actor_id: counsellor.user.id,
    });
    await waitForStatus(t, counsellor, caseId, 'orientation');
  });

  it('accepts the same heldAt again without a second event', async () => {
    const { caseId, interviewId } = await scheduled();
    expect((await patch(interviewId, { heldAt: HELD_AT, triage: 'ready_for_placement' })).status).toBe(200);
    const again = await patch(interviewId, { heldAt: HELD_AT, notes: 'Second visit' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ heldAt: HELD_AT, notes: 'Second visit' });
    expect(await heldEvents(caseId)).toBe(1);
  });

  it('refuses another heldAt or a new triage once held, and changes nothing', async () => {
    const { caseId, interviewId } = await scheduled();
    expect((await patch(interviewId, { heldAt: HELD_AT, triage: 'ready_for_placement' })).status).toBe(200);
    const before = await stored(interviewId);

    const otherDay = await patch(interviewId, { heldAt: '2026-01-11T09:45:00.000Z', notes: 'not saved' });
    expect(otherDay.status).toBe(409);
    expect(otherDay.body).toMatchObject({ code: 'INTERVIEW_ALREADY_HELD' });

    const newTriage = await patch(interviewId, { triage: 'needs_training', notes: 'not saved either' });
    expect(newTriage.status).toBe(409);
    expect(newTriage.body).toMatchObject({
      code: 'INTERVIEW_ALREADY_HELD',
      message: 'The triage of a held interview is final',
    });

    expect(await stored(interviewId)).toEqual(before);
    expect(await heldEvents(caseId)).toBe(1);
    const sameTriage = await patch(interviewId, { triage: 'ready_for_placement' });
    expect(sameTriage.status).toBe(200);
  });

  it('lets the triage change while the interview is not held yet, without an event', async () => {
    const { caseId, interviewId } = await scheduled();
    expect((await patch(interviewId, { triage: 'needs_training' })).status).toBe(200);
    expect((await patch(interviewId, { triage: 'ready_for_placement' })).status).toBe(200);
    expect(await stored(interviewId)).toMatchObject({ held_at: null, triage: 'ready_for_placement' });
    expect(await heldEvents(caseId)).toBe(0);
  });

  it('refuses a heldAt in the future (400) and an interview of another counsellor (404)', async () => {
    const { caseId, interviewId } = await scheduled();
    const future = await patch(interviewId, { heldAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ code: 'INTERVIEW_HELD_IN_FUTURE' });
    const foreign = await patch(
      interviewId,
      { heldAt: HELD_AT, triage: 'ready_for_placement' },
      otherCounsellor,
    );
    expect(foreign.status).toBe(404);
    expect(await stored(interviewId)).toMatchObject({ held_at: null, triage: null });
    expect(await heldEvents(caseId)).toBe(0);
  });

  it('records one event when the same interview is marked held by concurrent requests', async () => {
    const { caseId, interviewId } = await scheduled();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => patch(interviewId, { heldAt: HELD_AT, triage: 'ready_for_placement' })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(await heldEvents(caseId)).toBe(1);
  });
});
