import { expect } from '@jest/globals';
import { beneficiaryBody } from './fixtures.js';
import type { TestApp } from './test-app.js';
import { waitFor } from './wait-for.js';

/** Anyone who can call the API: a TestUser, or `{ token: t.adminToken }`. */
export interface Caller {
  token: string;
}

export interface TimelineEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  actorId: string | null;
  fromState: string | null;
  toState: string | null;
  appliedAt: string | null;
}

export const bearer = (caller: Caller) => ({ Authorization: `Bearer ${caller.token}` });

/** Registers a person (beneficiaryBody with `person` over it) and opens their case, both as `owner`. */
export async function openCase(
  t: TestApp,
  owner: Caller,
  person: Record<string, unknown> = {},
): Promise<{ caseId: string; beneficiaryId: string }> {
  const registered = await t
    .http()
    .post('/api/beneficiaries')
    .set(bearer(owner))
    .send(beneficiaryBody(person));
  expect(registered.status).toBe(201);
  const opened = await t
    .http()
    .post('/api/cases')
    .set(bearer(owner))
    .send({ beneficiaryId: registered.body.id });
  expect(opened.status).toBe(201);
  return { caseId: opened.body.id as string, beneficiaryId: registered.body.id as string };
}

export async function caseStatus(t: TestApp, viewer: Caller, caseId: string): Promise<string> {
  return (await t.http().get(`/api/cases/${caseId}`).set(bearer(viewer))).body.status as string;
}

/** Waits for the engine to move the case to `status`. */
export function waitForStatus(t: TestApp, viewer: Caller, caseId: string, status: string): Promise<true> {
  return waitFor(async () => (await caseStatus(t, viewer, caseId)) === status, {
    message: `case ${caseId} in ${status}`,
  });
}

/**
 * Schedules an interview and records it as held with `triage`; `details` adds what else the counsellor
 * records (notes, skills, actionPlan). Returns the interview's id; the engine moves the case later.
 * One fixed past day serves every case: a held interview may not lie in the future, and the engine
 * dates the case's activity by when events are recorded, not by this day.
 */
export async function holdInterview(
  t: TestApp,
  owner: Caller,
  caseId: string,
  triage = 'ready_for_placement',
  details: Record<string, unknown> = {},
): Promise<string> {
  const interviewId = await scheduleInterview(t, owner, caseId);
  const held = await t
    .http()
    .patch(`/api/interviews/${interviewId}`)
    .set(bearer(owner))
    .send({ heldAt: '2026-01-10T09:45:00Z', triage, ...details });
  expect(held.status).toBe(200);
  return interviewId;
}

/** Schedules an interview of the case on the fixed day holdInterview uses; returns its id. */
export async function scheduleInterview(t: TestApp, owner: Caller, caseId: string): Promise<string> {
  const scheduled = await t
    .http()
    .post(`/api/cases/${caseId}/interviews`)
    .set(bearer(owner))
    .send({ scheduledAt: '2026-01-10T09:00:00Z' });
  expect(scheduled.status).toBe(201);
  return scheduled.body.id as string;
}

export interface OrientationOptions {
  triage?: string;
  /** Overrides of beneficiaryBody(): who the person is. */
  person?: Record<string, unknown>;
  /** Further fields of the held interview. */
  details?: Record<string, unknown>;
}

/** A new case of `owner`, its interview held, once the engine has moved it to orientation. */
export async function caseInOrientation(
  t: TestApp,
  owner: Caller,
  { triage, person, details }: OrientationOptions = {},
): Promise<string> {
  const { caseId } = await openCase(t, owner, person);
  await holdInterview(t, owner, caseId, triage, details);
  await waitForStatus(t, owner, caseId, 'orientation');
  return caseId;
}

/** A case of `owner` placed on a permanent full-time contract with `companyId` from `startsOn`. */
export async function placedCase(
  t: TestApp,
  owner: Caller,
  { companyId, startsOn }: { companyId: string; startsOn: string },
): Promise<{ caseId: string; placementId: string }> {
  const caseId = await caseInOrientation(t, owner);
  const placed = await t
    .http()
    .post(`/api/cases/${caseId}/placements`)
    .set(bearer(owner))
    .send({ companyId, contractType: 'permanent', startsOn, hoursPerWeek: 40 });
  expect(placed.status).toBe(201);
  await waitForStatus(t, owner, caseId, 'placed');
  return { caseId, placementId: placed.body.id as string };
}

/** The case's timeline once the engine has applied every event of it, so a state seen now is final. */
export function settled(t: TestApp, viewer: Caller, caseId: string): Promise<TimelineEvent[]> {
  return waitFor(
    async () => {
      const timeline = await t.http().get(`/api/cases/${caseId}/timeline`).set(bearer(viewer));
      const events = timeline.body.items as TimelineEvent[];
      expect(timeline.body.total).toBe(events.length);
      return events.every((event) => event.appliedAt !== null) && events;
    },
    { message: `events of case ${caseId} applied` },
  );
}

/** Asks for a manual move (on_hold, resume, closed with a reason): accepted now, applied by the engine later. */
export async function moveCase(
  t: TestApp,
  actor: Caller,
  caseId: string,
  move: { to: string; reason?: string },
): Promise<void> {
  const accepted = await t.http().post(`/api/cases/${caseId}/transitions`).set(bearer(actor)).send(move);
  expect(accepted.status).toBe(202);
}
