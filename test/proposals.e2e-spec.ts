import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { caseInOrientation, holdInterview, moveCase, openCase, waitForStatus } from './support/cases.js';
import { person } from './support/fixtures.js';
import { createOpening } from './support/openings.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

/** SPEC 4: everything a company may see of a candidate, and nothing else. */
const CANDIDATE_VIEW_KEYS = [
  'availability',
  'educationLevel',
  'feedback',
  'firstName',
  'id',
  'languages',
  'lastNameInitial',
  'note',
  'skills',
  'status',
];

/** A welder's opening: the candidates of this suite are welders. */
const WELDER = {
  description: 'TIG and MIG welding on steel frames',
  positions: 3,
  contractType: 'permanent',
  skills: ['welding'],
};

const HIRE = { contractType: 'permanent', startsOn: '2026-09-01', hoursPerWeek: 38.5 };

interface Proposal {
  id: string;
  openingId: string;
  caseId: string;
  status: string;
  note: string;
  feedback: string | null;
  placementId: string | null;
}

describe('proposals and the candidate view, end to end', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;
  let companyA: string;
  let companyB: string;
  let userA: TestUser;
  let userB: TestUser;

  const auth = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });

  const proposeRequest = (user: TestUser, openingId: string, caseId: string, note = 'Punctual and skilled') =>
    t.http().post(`/api/openings/${openingId}/proposals`).set(auth(user)).send({ caseId, note });

  async function propose(
    user: TestUser,
    openingId: string,
    caseId: string,
    note?: string,
  ): Promise<Proposal> {
    const created = await proposeRequest(user, openingId, caseId, note);
    expect(created.status).toBe(201);
    return created.body as Proposal;
  }

  const metrics = async () => (await t.http().get('/api/metrics').set(auth(coordinator))).body;

  async function staffView(proposalId: string): Promise<Proposal> {
    const found = await t.http().get(`/api/proposals/${proposalId}`).set(auth(coordinator));
    expect(found.status).toBe(200);
    return found.body as Proposal;
  }

  async function opening(openingId: string): Promise<{ status: string; hires: number; positions: number }> {
    const found = await t.http().get(`/api/openings/${openingId}`).set(auth(coordinator));
    expect(found.status).toBe(200);
    return found.body;
  }

  async function proposalsOfCase(caseId: string): Promise<number> {
    const rows: { count: string }[] = await t.dataSource.query(
      'SELECT count(*) AS count FROM proposals WHERE case_id = $1',
      [caseId],
    );
    return Number(rows[0].count);
  }

  async function placementsOfCase(caseId: string): Promise<number> {
    const rows: { count: string }[] = await t.dataSource.query(
      'SELECT count(*) AS count FROM placements WHERE case_id = $1',
      [caseId],
    );
    return Number(rows[0].count);
  }

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.userToken(Role.COORDINATOR);
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
    companyA = await t.createCompany();
    companyB = await t.createCompany();
    userA = await t.userToken(Role.COMPANY, { companyId: companyA });
    userB = await t.userToken(Role.COMPANY, { companyId: companyB });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('proposing a case', () => {
    let openingA: string;

    beforeAll(async () => {
      openingA = await createOpening(t, userA, companyA, WELDER);
    });

    it('stores the proposal and moves the case from orientation to job_search', async () => {
      const caseId = await caseInOrientation(t, counsellor);

      const created = await proposeRequest(counsellor, openingA, caseId, 'Four years on a production line');
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        openingId: openingA,
        caseId,
        status: 'proposed',
        note: 'Four years on a production line',
        feedback: null,
        placementId: null,
        proposedById: counsellor.user.id,
      });
      await waitForStatus(t, coordinator, caseId, 'job_search');
      const timeline = await t.http().get(`/api/cases/${caseId}/timeline`).set(auth(counsellor));
      const event = timeline.body.items.find((item: { type: string }) => item.type === 'proposal.created');
      expect(event).toMatchObject({
        payload: { proposalId: created.body.id, openingId: openingA },
        fromState: 'orientation',
        toState: 'job_search',
        actorId: counsellor.user.id,
      });
    });

    it('refuses a second proposal of the same case to the same opening with 409', async () => {
      const { caseId } = await openCase(t, counsellor);
      await propose(counsellor, openingA, caseId);
      const again = await proposeRequest(coordinator, openingA, caseId);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('PROPOSAL_DUPLICATE');
      expect(await proposalsOfCase(caseId)).toBe(1);
    });

    it('stores exactly one of several concurrent proposals of one case, with one event', async () => {
      const { caseId } = await openCase(t, counsellor);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => proposeRequest(counsellor, openingA, caseId)),
      );
      expect(results.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(await proposalsOfCase(caseId)).toBe(1);
      const events: unknown[] = await t.dataSource.query(
        `SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'proposal.created'`,
        [caseId],
      );
      expect(events).toHaveLength(1);
    });

    it("hides another counsellor's case with 404 and stores nothing; a coordinator may propose any case", async () => {
      const { caseId } = await openCase(t, counsellor);
      const foreign = await proposeRequest(otherCounsellor, openingA, caseId);
      expect(foreign.status).toBe(404);
      expect(await proposalsOfCase(caseId)).toBe(0);
      const byCoordinator = await proposeRequest(coordinator, openingA, caseId);
      expect(byCoordinator.status).toBe(201);
    });

    it('forbids company users from proposing', async () => {
      const { caseId } = await openCase(t, counsellor);
      const res = await proposeRequest(userA, openingA, caseId);
      expect(res.status).toBe(403);
      expect(await proposalsOfCase(caseId)).toBe(0);
    });

    it('refuses a closed opening with 409', async () => {
      const closedOpening = await createOpening(t, userA, companyA, WELDER);
      const closed = await t
        .http()
        .patch(`/api/openings/${closedOpening}`)
        .set(auth(userA))
        .send({ status: 'closed' });
      expect(closed.status).toBe(200);
      const { caseId } = await openCase(t, counsellor);
      const res = await proposeRequest(counsellor, closedOpening, caseId);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('PROPOSAL_OPENING_NOT_OPEN');
      expect(await proposalsOfCase(caseId)).toBe(0);
    });

    it('refuses a closed case with 409', async () => {
      const { caseId } = await openCase(t, counsellor);
      await moveCase(t, counsellor, caseId, { to: 'closed', reason: 'moved_away' });
      await waitForStatus(t, coordinator, caseId, 'closed');
      const res = await proposeRequest(counsellor, openingA, caseId);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('PROPOSAL_CASE_CLOSED');
      expect(await proposalsOfCase(caseId)).toBe(0);
    });

    it('answers 404 for an opening or a case that does not exist', async () => {
      const { caseId } = await openCase(t, counsellor);
      expect((await proposeRequest(counsellor, randomUUID(), caseId)).status).toBe(404);
      expect((await proposeRequest(coordinator, openingA, randomUUID())).status).toBe(404);
      expect(await proposalsOfCase(caseId)).toBe(0);
    });

    it.each([
      ['no note', { note: undefined }],
      ['a blank note', { note: '   ' }],
      ['a malformed caseId', { caseId: 'case-1' }],
      ['a status', { status: 'hired' }],
      ['an unknown field', { fiscalCode: 'RSSMRA85C15A944F' }],
    ])('refuses %s with 400 and stores nothing', async (_label, overrides) => {
      const { caseId } = await openCase(t, counsellor);
      const res = await t
        .http()
        .post(`/api/openings/${openingA}/proposals`)
        .set(auth(counsellor))
        .send({ caseId, note: 'A good candidate', ...overrides });
      expect(res.status).toBe(400);
      expect(await proposalsOfCase(caseId)).toBe(0);
    });
  });

  describe('the candidate view', () => {
    let openingA: string;
    let caseId: string;
    let beneficiaryId: string;
    let proposalId: string;
    const someone = person({ gender: 'F', birthDate: '1983-07-19' });
    const secret = {
      fiscalCode: someone.fiscalCode,
      birthDate: someone.birthDate,
      lastName: someone.lastName,
      email: 'quercioli.ludovica.7731@example.org',
      phone: '+39 347 7731990',
      municipality: 'Sasso Marconi',
      interviewNotes: 'INTERVIEW-NOTE-7731 spoke about her debts',
      actionPlan: 'ACTION-PLAN-7731 budgeting course',
    };

    beforeAll(async () => {
      openingA = await createOpening(t, userA, companyA, WELDER);
      ({ caseId, beneficiaryId } = await openCase(t, counsellor, {
        ...someone,
        email: secret.email,
        phone: secret.phone,
        municipality: secret.municipality,
        citizenship: 'MA',
        educationLevel: 4,
        employmentStatus: 'long_term_unemployed',
        disability: true,
        vulnerabilities: ['ex_offender', 'over_indebted'],
        skills: ['welding', 'tig welding'],
        languages: ['it', 'ar'],
      }));
      await holdInterview(t, counsellor, caseId, 'ready_for_placement', {
        notes: secret.interviewNotes,
        actionPlan: secret.actionPlan,
      });
      proposalId = (await propose(counsellor, openingA, caseId, 'Reliable, four years of TIG welding')).id;
    });

    function assertNothingPersonal(body: unknown): void {
      const json = JSON.stringify(body);
      for (const value of [
        ...Object.values(secret),
        caseId,
        beneficiaryId,
        counsellor.user.id,
        'ex_offender',
        'over_indebted',
        'disab',
        'vulnerab',
        'fiscal',
        'birth',
        'caseId',
        'true',
      ]) {
        expect(json).not.toContain(value);
      }
    }

    it('shows the company exactly the allowed fields and no personal data', async () => {
      const res = await t.http().get(`/api/openings/${openingA}/proposals`).set(auth(userA));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 1, page: 1, limit: 20 });
      const [candidate] = res.body.items;
      expect(Object.keys(candidate).sort()).toEqual(CANDIDATE_VIEW_KEYS);
      expect(candidate).toEqual({
        id: proposalId,
        status: 'proposed',
        firstName: someone.firstName,
        lastNameInitial: `${someone.lastName[0]}.`,
        educationLevel: 4,
        skills: ['welding', 'tig welding'],
        languages: ['it', 'ar'],
        availability: 'immediate',
        note: 'Reliable, four years of TIG welding',
        feedback: null,
      });
      assertNothingPersonal(res.body);
    });

    it('answers a single proposal and a decision to the company in the same view', async () => {
      const one = await t.http().get(`/api/proposals/${proposalId}`).set(auth(userA));
      expect(one.status).toBe(200);
      expect(Object.keys(one.body).sort()).toEqual(CANDIDATE_VIEW_KEYS);
      assertNothingPersonal(one.body);

      const decided = await t
        .http()
        .patch(`/api/proposals/${proposalId}`)
        .set(auth(userA))
        .send({ status: 'interviewing', feedback: 'Good first impression' });
      expect(decided.status).toBe(200);
      expect(Object.keys(decided.body).sort()).toEqual(CANDIDATE_VIEW_KEYS);
      expect(decided.body).toMatchObject({ status: 'interviewing', feedback: 'Good first impression' });
      assertNothingPersonal(decided.body);
    });

    it("logs the company's reads of the candidate in the audit log", async () => {
      const res = await t
        .http()
        .get('/api/audit')
        .query({ beneficiaryId, limit: 100 })
        .set(auth(coordinator));
      expect(res.status).toBe(200);
      const reads = res.body.items.filter(
        (item: { actorId: string; action: string }) =>
          item.actorId === userA.user.id && item.action === 'read',
      );
      expect(reads.length).toBeGreaterThanOrEqual(2);
      expect(reads[0]).toMatchObject({
        actorRole: 'company',
        entityType: 'beneficiary',
        details: { via: 'candidate_view', proposalId },
      });
    });

    it('gives the counsellor of the case the full proposal, and hides it from other counsellors', async () => {
      const own = await t.http().get(`/api/openings/${openingA}/proposals`).set(auth(counsellor));
      expect(own.status).toBe(200);
      expect(own.body.items).toEqual([
        expect.objectContaining({ id: proposalId, caseId, openingId: openingA, status: 'interviewing' }),
      ]);
      const other = await t.http().get(`/api/openings/${openingA}/proposals`).set(auth(otherCounsellor));
      expect(other.status).toBe(200);
      expect(other.body).toMatchObject({ total: 0, items: [] });
      expect((await t.http().get(`/api/proposals/${proposalId}`).set(auth(otherCounsellor))).status).toBe(
        404,
      );
    });

    it("hides company A's opening and proposals from company B with 404, changing nothing", async () => {
      expect((await t.http().get(`/api/openings/${openingA}/proposals`).set(auth(userB))).status).toBe(404);
      expect((await t.http().get(`/api/proposals/${proposalId}`).set(auth(userB))).status).toBe(404);
      const decided = await t
        .http()
        .patch(`/api/proposals/${proposalId}`)
        .set(auth(userB))
        .send({ status: 'rejected', feedback: 'Not for us' });
      expect(decided.status).toBe(404);
      expect(await staffView(proposalId)).toMatchObject({
        status: 'interviewing',
        feedback: 'Good first impression',
      });
    });

    it('forbids counsellors from deciding on a proposal', async () => {
      const res = await t
        .http()
        .patch(`/api/proposals/${proposalId}`)
        .set(auth(counsellor))
        .send({ status: 'rejected' });
      expect(res.status).toBe(403);
      expect((await staffView(proposalId)).status).toBe('interviewing');
    });

    it('answers 404 for the proposals of an opening that does not exist', async () => {
      expect((await t.http().get(`/api/openings/${randomUUID()}/proposals`).set(auth(userA))).status).toBe(
        404,
      );
      expect((await t.http().get(`/api/proposals/${randomUUID()}`).set(auth(userA))).status).toBe(404);
    });
  });

  describe('decisions', () => {
    let openingA: string;

    beforeAll(async () => {
      openingA = await createOpening(t, userA, companyA, WELDER);
    });

    async function proposed(): Promise<{ caseId: string; proposal: Proposal }> {
      const { caseId } = await openCase(t, counsellor);
      return { caseId, proposal: await propose(counsellor, openingA, caseId) };
    }

    const decide = (user: TestUser, proposalId: string, body: Record<string, unknown>) =>
      t.http().patch(`/api/proposals/${proposalId}`).set(auth(user)).send(body);

    it('lets a company interview and then reject, after which the proposal is final', async () => {
      const { proposal } = await proposed();
      expect((await decide(userA, proposal.id, { status: 'interviewing' })).status).toBe(200);
      const rejected = await decide(userA, proposal.id, {
        status: 'rejected',
        feedback: 'Another candidate',
      });
      expect(rejected.status).toBe(200);
      for (const status of ['interviewing', 'rejected', 'hired']) {
        const res = await decide(coordinator, proposal.id, {
          status,
          ...(status === 'hired' ? { placement: HIRE } : {}),
        });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('PROPOSAL_INVALID_TRANSITION');
      }
      expect(await staffView(proposal.id)).toMatchObject({
        status: 'rejected',
        feedback: 'Another candidate',
      });
    });

    it('lets a company add feedback without changing the status', async () => {
      const { proposal } = await proposed();
      const res = await decide(userA, proposal.id, { feedback: 'Call back in spring' });
      expect(res.status).toBe(200);
      expect(await staffView(proposal.id)).toMatchObject({
        status: 'proposed',
        feedback: 'Call back in spring',
      });
    });

    it('refuses to interview twice with 409', async () => {
      const { proposal } = await proposed();
      expect((await decide(userA, proposal.id, { status: 'interviewing' })).status).toBe(200);
      expect((await decide(userA, proposal.id, { status: 'interviewing' })).status).toBe(409);
    });

    it.each([
      ['a hire without its contract', { status: 'hired' }, 'PROPOSAL_PLACEMENT_REQUIRED'],
      [
        'a contract without a hire',
        { status: 'interviewing', placement: HIRE },
        'PROPOSAL_PLACEMENT_UNEXPECTED',
      ],
      ['an empty body', {}, 'PROPOSAL_NOTHING_TO_CHANGE'],
      ['a move back to proposed', { status: 'proposed' }, undefined],
      ['a null status', { status: null }, undefined],
      ['too many weekly hours', { status: 'hired', placement: { ...HIRE, hoursPerWeek: 61 } }, undefined],
      [
        'a self-employment contract',
        { status: 'hired', placement: { ...HIRE, contractType: 'self_employment' } },
        undefined,
      ],
      [
        'a contract start that does not exist',
        { status: 'hired', placement: { ...HIRE, startsOn: '2026-02-30' } },
        undefined,
      ],
      ['an unknown contract field', { status: 'hired', placement: { ...HIRE, salary: 1800 } }, undefined],
      ['a placement id', { placementId: randomUUID() }, undefined],
    ])('refuses %s with 400, changing nothing', async (_label, body, code) => {
      const { caseId, proposal } = await proposed();
      const res = await decide(userA, proposal.id, body);
      expect(res.status).toBe(400);
      if (code) expect(res.body.code).toBe(code);
      expect(await staffView(proposal.id)).toMatchObject({
        status: 'proposed',
        feedback: null,
        placementId: null,
      });
      expect(await placementsOfCase(caseId)).toBe(0);
    });
  });

  describe('hiring', () => {
    it('records the placement, places the case, counts it, and fills the opening at its last position', async () => {
      const singlePosition = await createOpening(t, userA, companyA, { ...WELDER, positions: 1 });
      const hiredCase = await caseInOrientation(t, counsellor);
      const proposal = await propose(counsellor, singlePosition, hiredCase);
      await waitForStatus(t, coordinator, hiredCase, 'job_search');
      const runnerUp = await openCase(t, counsellor);
      const runnerUpProposal = await propose(counsellor, singlePosition, runnerUp.caseId);
      const before = await metrics();

      const res = await t
        .http()
        .patch(`/api/proposals/${proposal.id}`)
        .set(auth(userA))
        .send({ status: 'hired', feedback: 'Starts in September', placement: HIRE });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: proposal.id, status: 'hired', feedback: 'Starts in September' });

      const stored = await staffView(proposal.id);
      expect(stored).toMatchObject({ status: 'hired', placementId: expect.any(String) });
      const placements = await t.http().get(`/api/cases/${hiredCase}/placements`).set(auth(counsellor));
      expect(placements.body.items).toEqual([
        expect.objectContaining({
          id: stored.placementId,
          companyId: companyA,
          openingId: singlePosition,
          contractType: 'permanent',
          kind: 'new',
          startsOn: '2026-09-01',
          hoursPerWeek: 38.5,
          source: 'proposal',
          sourceId: proposal.id,
        }),
      ]);
      expect(await opening(singlePosition)).toMatchObject({ status: 'filled', hires: 1, positions: 1 });

      await waitForStatus(t, coordinator, hiredCase, 'placed');
      const after = await waitFor(async () => {
        const now = await metrics();
        return now.placements === before.placements + 1 && now;
      });
      expect(after.peoplePlaced).toBe(before.peoplePlaced + 1);

      const history = await t.http().get(`/api/companies/${companyA}`).set(auth(userA));
      expect(history.body.history.hires).toMatchObject({ placements: 1, people: 1 });
      expect(history.body.history.proposals.hired).toBe(1);
      expect(history.body.history.openings.filled).toBe(1);

      // The filled opening takes no more hires nor candidates, and cannot be closed or reopened by hand.
      const late = await t
        .http()
        .patch(`/api/proposals/${runnerUpProposal.id}`)
        .set(auth(userA))
        .send({ status: 'hired', placement: HIRE });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('OPENING_FILLED');
      expect(await staffView(runnerUpProposal.id)).toMatchObject({ status: 'proposed', placementId: null });
      expect(await placementsOfCase(runnerUp.caseId)).toBe(0);
      const another = await openCase(t, counsellor);
      const closedToCandidates = await proposeRequest(counsellor, singlePosition, another.caseId);
      expect(closedToCandidates.status).toBe(409);
      expect(closedToCandidates.body.code).toBe('PROPOSAL_OPENING_NOT_OPEN');
      for (const status of ['closed', 'open']) {
        const res = await t.http().patch(`/api/openings/${singlePosition}`).set(auth(userA)).send({ status });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('OPENING_FILLED');
      }

      // One more position reopens it.
      const widened = await t
        .http()
        .patch(`/api/openings/${singlePosition}`)
        .set(auth(userA))
        .send({ positions: 2 });
      expect(widened.status).toBe(200);
      expect(widened.body).toMatchObject({ status: 'open', positions: 2, hires: 1 });
    });

    it('refuses to hire a person already placed, changing nothing', async () => {
      const first = await createOpening(t, userA, companyA, WELDER);
      const second = await createOpening(t, userB, companyB, WELDER);
      const { caseId } = await openCase(t, counsellor);
      const toA = await propose(counsellor, first, caseId);
      const toB = await propose(counsellor, second, caseId);
      const hired = await t
        .http()
        .patch(`/api/proposals/${toA.id}`)
        .set(auth(userA))
        .send({ status: 'hired', placement: HIRE });
      expect(hired.status).toBe(200);
      await waitForStatus(t, coordinator, caseId, 'placed');

      const again = await t
        .http()
        .patch(`/api/proposals/${toB.id}`)
        .set(auth(userB))
        .send({ status: 'hired', placement: HIRE });
      expect(again.status).toBe(409);
      expect(await staffView(toB.id)).toMatchObject({ status: 'proposed', placementId: null });
      expect(await opening(second)).toMatchObject({ status: 'open', hires: 0 });
      expect(await placementsOfCase(caseId)).toBe(1);
    });

    it('hires exactly as many candidates as positions when hires arrive at once', async () => {
      const twoPositions = await createOpening(t, userA, companyA, { ...WELDER, positions: 2 });
      const candidates = await Promise.all(Array.from({ length: 5 }, () => openCase(t, counsellor)));
      const proposals = [];
      for (const candidate of candidates)
        proposals.push(await propose(counsellor, twoPositions, candidate.caseId));
      const before = await metrics();

      const results = await Promise.all(
        proposals.map((proposal) =>
          t
            .http()
            .patch(`/api/proposals/${proposal.id}`)
            .set(auth(userA))
            .send({ status: 'hired', placement: HIRE }),
        ),
      );
      expect(results.map((res) => res.status).sort()).toEqual([200, 200, 409, 409, 409]);
      expect(await opening(twoPositions)).toMatchObject({ status: 'filled', hires: 2, positions: 2 });
      const placed: { count: string }[] = await t.dataSource.query(
        'SELECT count(*) AS count FROM placements WHERE opening_id = $1',
        [twoPositions],
      );
      expect(Number(placed[0].count)).toBe(2);
      const hiredProposals = await t
        .http()
        .get(`/api/openings/${twoPositions}/proposals`)
        .query({ status: 'hired' })
        .set(auth(coordinator));
      expect(hiredProposals.body.total).toBe(2);
      await waitFor(async () => (await metrics()).placements === before.placements + 2, {
        message: 'two placements counted',
      });

      const shrink = await t
        .http()
        .patch(`/api/openings/${twoPositions}`)
        .set(auth(userA))
        .send({ positions: 1 });
      expect(shrink.status).toBe(409);
      expect(shrink.body.code).toBe('OPENING_POSITIONS_BELOW_HIRES');
      expect(await opening(twoPositions)).toMatchObject({ positions: 2, hires: 2, status: 'filled' });
    });
  });
});
