import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Role } from '#app/core';
import { caseInOrientation, moveCase, openCase, waitForStatus } from './support/cases.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

interface Metrics {
  placements: number;
  peoplePlaced: number;
  grantsDisbursed: number;
  grantsDisbursedAmount: number;
}

interface FundingLine {
  programmedAmount: number;
  committedAmount: number;
  disbursedAmount: number;
  remainingAmount: number;
}

const VAT_NUMBER = '00159560366';

describe('self-employment grants', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let otherCounsellor: TestUser;
  let coordinator: TestUser;
  let companyUser: TestUser;
  let lineId: string;
  let lineSequence = 0;

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

  const post = (path: string, body: object, user: TestUser = coordinator) =>
    t.http().post(path).set(auth(user)).send(body);

  const get = (path: string, user: TestUser = coordinator) => t.http().get(path).set(auth(user));

  async function createLine(programmedAmount: number): Promise<string> {
    const created = await post('/api/funding-lines', {
      code: `GR-${++lineSequence}-${randomUUID().slice(0, 8)}`,
      name: 'Self-employment grants',
      fund: 'FSE+',
      cup: 'F31D23000140007',
      programmedAmount,
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  const fundingLine = async (id: string) => (await get(`/api/funding-lines/${id}`)).body as FundingLine;

  const grant = async (id: string) => (await get(`/api/grants/${id}`)).body;

  const metrics = async () => (await get('/api/metrics')).body as Metrics;

  /** Counters are final once the engine has applied every event written so far. */
  const quiet = () =>
    waitFor(
      async () =>
        Number(
          (await t.dataSource.query('SELECT count(*) AS count FROM case_events WHERE applied_at IS NULL'))[0]
            .count,
        ) === 0,
      { message: 'every event applied' },
    );

  const grantBody = (overrides: Record<string, unknown> = {}) => ({
    businessName: 'Sartoria Rossi',
    atecoCode: '14.13.10',
    planSummary: 'A tailoring workshop in Bolognina: repairs and made-to-measure clothes.',
    requestedAmount: 15_000,
    fundingLineId: lineId,
    ...overrides,
  });

  const draft = (caseId: string, overrides: Record<string, unknown> = {}, user: TestUser = counsellor) =>
    post(`/api/cases/${caseId}/grants`, grantBody(overrides), user);

  async function submittedGrant(
    fundingLineId: string,
    requestedAmount: number,
  ): Promise<{ caseId: string; grantId: string }> {
    const { caseId } = await openCase(t, counsellor);
    const drafted = await draft(caseId, { fundingLineId, requestedAmount });
    expect(drafted.status).toBe(201);
    const submitted = await post(`/api/grants/${drafted.body.id}/submit`, {}, counsellor);
    expect(submitted.status).toBe(200);
    return { caseId, grantId: drafted.body.id as string };
  }

  async function approvedGrant(
    fundingLineId: string,
    amount: number,
  ): Promise<{ caseId: string; grantId: string }> {
    const submitted = await submittedGrant(fundingLineId, amount);
    const approved = await post(`/api/grants/${submitted.grantId}/approve`, { approvedAmount: amount });
    expect(approved.status).toBe(200);
    return submitted;
  }

  beforeAll(async () => {
    t = await createTestApp();
    counsellor = await t.userToken(Role.COUNSELLOR);
    otherCounsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    companyUser = await t.userToken(Role.COMPANY, { companyId: await t.createCompany() });
    lineId = await createLine(4_000_000);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('from draft to a business that started', () => {
    let caseId: string;
    let grantId: string;

    it('drafts an application on a case of the counsellor, with money in euros', async () => {
      caseId = await caseInOrientation(t, counsellor);
      const drafted = await draft(caseId, { requestedAmount: 15_000.5 });
      expect(drafted.status).toBe(201);
      expect(drafted.body).toMatchObject({
        caseId,
        fundingLineId: lineId,
        businessName: 'Sartoria Rossi',
        atecoCode: '14.13.10',
        requestedAmount: 15_000.5,
        approvedAmount: null,
        disbursedAmount: 0,
        status: 'draft',
        submittedAt: null,
        placementId: null,
        createdById: counsellor.user.id,
      });
      grantId = drafted.body.id;
      const listed = await get(`/api/cases/${caseId}/grants`, counsellor);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([grantId]);
      const read = await get(`/api/grants/${grantId}`, counsellor);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(drafted.body);
    });

    it('submits the draft once and moves the case to self_employment', async () => {
      const submitted = await post(`/api/grants/${grantId}/submit`, {}, counsellor);
      expect(submitted.status).toBe(200);
      expect(submitted.body.status).toBe('submitted');
      expect(submitted.body.submittedAt).not.toBeNull();
      await waitForStatus(t, coordinator, caseId, 'self_employment');
      const timeline = await get(`/api/cases/${caseId}/timeline`, counsellor);
      const event = timeline.body.items.find((item: { type: string }) => item.type === 'grant.submitted');
      expect(event).toMatchObject({
        payload: { grantId },
        fromState: 'orientation',
        toState: 'self_employment',
      });

      const again = await post(`/api/grants/${grantId}/submit`, {}, counsellor);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('GRANT_INVALID_STATUS');
    });

    it('leaves approval to coordinators and admins', async () => {
      const byCounsellor = await post(
        `/api/grants/${grantId}/approve`,
        { approvedAmount: 12_000 },
        counsellor,
      );
      expect(byCounsellor.status).toBe(403);
      const byCompany = await post(`/api/grants/${grantId}/approve`, { approvedAmount: 12_000 }, companyUser);
      expect(byCompany.status).toBe(403);
      expect((await grant(grantId)).status).toBe('submitted');
    });

    it.each([
      ['more than was requested', { approvedAmount: 15_000.51 }, 'GRANT_APPROVED_OVER_REQUESTED'],
      ['three decimals', { approvedAmount: 12_000.001 }, undefined],
      ['zero', { approvedAmount: 0 }, undefined],
      ['a negative amount', { approvedAmount: -1 }, undefined],
      ['no amount', {}, undefined],
    ])('refuses to approve %s with 400 and changes nothing', async (_label, body, code) => {
      const before = await fundingLine(lineId);
      const refused = await post(`/api/grants/${grantId}/approve`, body);
      expect(refused.status).toBe(400);
      if (code) expect(refused.body.code).toBe(code);
      expect(await grant(grantId)).toMatchObject({ status: 'submitted', approvedAmount: null });
      expect(await fundingLine(lineId)).toEqual(before);
    });

    it('approves the grant and commits the amount against the funding line', async () => {
      const before = await fundingLine(lineId);
      const approved = await post(`/api/grants/${grantId}/approve`, { approvedAmount: 12_000.25 });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'approved',
        approvedAmount: 12_000.25,
        decidedById: coordinator.user.id,
        disbursedAmount: 0,
      });
      expect(approved.body.decidedAt).not.toBeNull();
      expect(await fundingLine(lineId)).toMatchObject({
        committedAmount: before.committedAmount + 12_000.25,
        remainingAmount: before.remainingAmount - 12_000.25,
        disbursedAmount: before.disbursedAmount,
      });

      const again = await post(`/api/grants/${grantId}/approve`, { approvedAmount: 100 });
      expect(again.status).toBe(409);
      const reject = await post(`/api/grants/${grantId}/reject`, { reason: 'Second thoughts' });
      expect(reject.status).toBe(409);
      expect((await fundingLine(lineId)).committedAmount).toBe(before.committedAmount + 12_000.25);
    });

    it.each([
      ['zero', { amount: 0, paidOn: '2026-03-01' }, 'amount'],
      ['three decimals', { amount: 10.001, paidOn: '2026-03-01' }, 'amount'],
      ['a day that does not exist', { amount: 100, paidOn: '2026-02-30' }, 'paidOn'],
      ['an unknown field', { amount: 100, paidOn: '2026-03-01', grantId: randomUUID() }, 'grantId'],
    ])('refuses a disbursement of %s with 400 and pays nothing', async (_label, body, field) => {
      const refused = await post(`/api/grants/${grantId}/disbursements`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
      expect((await grant(grantId)).disbursedAmount).toBe(0);
      expect((await get(`/api/grants/${grantId}/disbursements`)).body).toMatchObject({ items: [], total: 0 });
    });

    it('forbids counsellors and companies to pay a grant', async () => {
      for (const user of [counsellor, companyUser]) {
        const refused = await post(
          `/api/grants/${grantId}/disbursements`,
          { amount: 100, paidOn: '2026-03-01' },
          user,
        );
        expect(refused.status).toBe(403);
      }
      expect((await grant(grantId)).disbursedAmount).toBe(0);
    });

    it('pays the grant in tranches and counts the grant once and every euro', async () => {
      await quiet();
      const before = await metrics();
      const lineBefore = await fundingLine(lineId);

      const first = await post(`/api/grants/${grantId}/disbursements`, {
        amount: 8_000.25,
        paidOn: '2026-03-01',
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        grantId,
        amount: 8_000.25,
        paidOn: '2026-03-01',
        recordedById: coordinator.user.id,
      });
      const second = await post(`/api/grants/${grantId}/disbursements`, {
        amount: 4_000,
        paidOn: '2026-06-01',
      });
      expect(second.status).toBe(201);

      expect((await grant(grantId)).disbursedAmount).toBe(12_000.25);
      expect(await fundingLine(lineId)).toMatchObject({
        disbursedAmount: lineBefore.disbursedAmount + 12_000.25,
        committedAmount: lineBefore.committedAmount,
      });
      const ledger = await get(`/api/grants/${grantId}/disbursements`, counsellor);
      expect(ledger.status).toBe(200);
      expect(ledger.body.items.map((item: { amount: number }) => item.amount)).toEqual([8_000.25, 4_000]);

      await quiet();
      const after = await metrics();
      expect(after.grantsDisbursed).toBe(before.grantsDisbursed + 1);
      expect(after.grantsDisbursedAmount).toBeCloseTo(before.grantsDisbursedAmount + 12_000.25, 2);

      const timeline = await get(`/api/cases/${caseId}/timeline`, counsellor);
      const payloads = timeline.body.items
        .filter((item: { type: string }) => item.type === 'grant.disbursed')
        .map((item: { payload: unknown }) => item.payload);
      expect(payloads).toEqual([
        { grantId, disbursementId: first.body.id, amountCents: 800_025, firstDisbursementOfGrant: true },
        { grantId, disbursementId: second.body.id, amountCents: 400_000, firstDisbursementOfGrant: false },
      ]);
    });

    it('refuses a tranche past the approved amount with 409', async () => {
      const refused = await post(`/api/grants/${grantId}/disbursements`, {
        amount: 0.01,
        paidOn: '2026-07-01',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('GRANT_DISBURSED_OVER_APPROVED');
      expect((await grant(grantId)).disbursedAmount).toBe(12_000.25);
    });

    it.each([
      ['a wrong check digit', { startedOn: '2026-03-15', vatNumber: '00159560367' }, 'vatNumber'],
      ['ten digits', { startedOn: '2026-03-15', vatNumber: '0015956036' }, 'vatNumber'],
      ['a day that does not exist', { startedOn: '2026-13-01', vatNumber: VAT_NUMBER }, 'startedOn'],
    ])('refuses a business start with %s and records no placement', async (_label, body, field) => {
      const refused = await post(`/api/grants/${grantId}/business-started`, body, counsellor);
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
      expect((await grant(grantId)).placementId).toBeNull();
      expect((await get(`/api/cases/${caseId}/placements`)).body).toMatchObject({ items: [], total: 0 });
    });

    it('hides the grant from another counsellor and forbids companies', async () => {
      const body = { startedOn: '2026-03-15', vatNumber: VAT_NUMBER };
      expect((await post(`/api/grants/${grantId}/business-started`, body, otherCounsellor)).status).toBe(404);
      expect((await post(`/api/grants/${grantId}/business-started`, body, companyUser)).status).toBe(403);
      expect((await get(`/api/grants/${grantId}`, otherCounsellor)).status).toBe(404);
      expect((await get(`/api/grants/${grantId}/disbursements`, otherCounsellor)).status).toBe(404);
      expect((await get(`/api/grants/${grantId}`, companyUser)).status).toBe(403);
      expect((await grant(grantId)).placementId).toBeNull();
    });

    it('records the started business as a self-employment placement and places the case', async () => {
      await quiet();
      const before = await metrics();
      const started = await post(
        `/api/grants/${grantId}/business-started`,
        { startedOn: '2026-03-15', vatNumber: ` ${VAT_NUMBER} ` },
        counsellor,
      );
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({
        status: 'approved',
        businessStartedOn: '2026-03-15',
        vatNumber: VAT_NUMBER,
        placementId: expect.any(String),
      });
      const placements = await get(`/api/cases/${caseId}/placements`);
      expect(placements.body.items).toEqual([
        expect.objectContaining({
          id: started.body.placementId,
          companyId: null,
          contractType: 'self_employment',
          kind: 'new',
          startsOn: '2026-03-15',
          source: 'grant',
          sourceId: grantId,
        }),
      ]);
      await waitForStatus(t, coordinator, caseId, 'placed');
      await quiet();
      const after = await metrics();
      expect(after.placements).toBe(before.placements + 1);
      expect(after.peoplePlaced).toBe(before.peoplePlaced + 1);
    });

    it('records a business start once only', async () => {
      const again = await post(
        `/api/grants/${grantId}/business-started`,
        { startedOn: '2026-04-01', vatNumber: VAT_NUMBER },
        counsellor,
      );
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('GRANT_BUSINESS_ALREADY_STARTED');
      expect((await get(`/api/cases/${caseId}/placements`)).body.items).toHaveLength(1);
      expect((await grant(grantId)).businessStartedOn).toBe('2026-03-15');
    });
  });

  describe('drafting', () => {
    it.each([
      ['an amount with three decimals', { requestedAmount: 100.555 }, 'requestedAmount'],
      ['a zero amount', { requestedAmount: 0 }, 'requestedAmount'],
      ['a negative amount', { requestedAmount: -10 }, 'requestedAmount'],
      ['a malformed ATECO code', { atecoCode: '14-13' }, 'atecoCode'],
      ['a blank business name', { businessName: '  ' }, 'businessName'],
      ['a funding line that is not a uuid', { fundingLineId: 'BO4.4.8.1.a' }, 'fundingLineId'],
      ['a status set by the client', { status: 'approved' }, 'status'],
      ['an approved amount set by the client', { approvedAmount: 100 }, 'approvedAmount'],
    ])('refuses %s with 400 and creates nothing', async (_label, overrides, field) => {
      const { caseId } = await openCase(t, counsellor);
      const refused = await draft(caseId, overrides);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ statusCode: 400, message: 'Validation failed' });
      expect(refused.body.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
      expect((await get(`/api/cases/${caseId}/grants`, counsellor)).body).toMatchObject({
        items: [],
        total: 0,
      });
    });

    it('answers 404 for a funding line that does not exist, and creates nothing', async () => {
      const { caseId } = await openCase(t, counsellor);
      const refused = await draft(caseId, { fundingLineId: randomUUID() });
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('FUNDING_LINE_NOT_FOUND');
      expect((await get(`/api/cases/${caseId}/grants`, counsellor)).body).toMatchObject({
        items: [],
        total: 0,
      });
    });

    it("hides another counsellor's case and lets coordinators and admins draft on any case", async () => {
      const { caseId } = await openCase(t, counsellor);
      expect((await draft(caseId, {}, otherCounsellor)).status).toBe(404);
      expect((await get(`/api/cases/${caseId}/grants`, otherCounsellor)).status).toBe(404);
      expect((await draft(caseId, {}, coordinator)).status).toBe(201);
      const byAdmin = await t
        .http()
        .post(`/api/cases/${caseId}/grants`)
        .set({ Authorization: `Bearer ${t.adminToken}` })
        .send(grantBody());
      expect(byAdmin.status).toBe(201);
      expect((await get(`/api/cases/${caseId}/grants`, counsellor)).body.items).toHaveLength(2);
    });

    it('forbids companies every grant endpoint', async () => {
      const { caseId } = await openCase(t, counsellor);
      const drafted = await draft(caseId);
      expect((await draft(caseId, {}, companyUser)).status).toBe(403);
      expect((await get(`/api/cases/${caseId}/grants`, companyUser)).status).toBe(403);
      expect((await post(`/api/grants/${drafted.body.id}/submit`, {}, companyUser)).status).toBe(403);
      expect((await post(`/api/grants/${drafted.body.id}/reject`, { reason: 'x' }, companyUser)).status).toBe(
        403,
      );
      expect((await grant(drafted.body.id)).status).toBe('draft');
    });

    it('answers 404 for a grant that does not exist', async () => {
      expect((await get(`/api/grants/${randomUUID()}`)).status).toBe(404);
      expect((await post(`/api/grants/${randomUUID()}/submit`, {})).status).toBe(404);
      expect((await post(`/api/grants/${randomUUID()}/approve`, { approvedAmount: 10 })).status).toBe(404);
      expect(
        (await post(`/api/grants/${randomUUID()}/disbursements`, { amount: 10, paidOn: '2026-03-01' }))
          .status,
      ).toBe(404);
    });

    it('refuses to draft or submit on a closed case', async () => {
      const { caseId } = await openCase(t, counsellor);
      const drafted = await draft(caseId);
      expect(drafted.status).toBe(201);
      await moveCase(t, counsellor, caseId, { to: 'closed', reason: 'moved_away' });
      await waitForStatus(t, coordinator, caseId, 'closed');

      const refused = await draft(caseId);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('GRANT_CASE_CLOSED');
      const submit = await post(`/api/grants/${drafted.body.id}/submit`, {}, counsellor);
      expect(submit.status).toBe(409);
      expect(submit.body.code).toBe('GRANT_CASE_CLOSED');
      const grants = (await get(`/api/cases/${caseId}/grants`)).body.items;
      expect(grants).toHaveLength(1);
      expect(grants[0].status).toBe('draft');
    });
  });

  describe('on a case that closes', () => {
    it('refuses to approve a grant of a closed case but still pays one approved before closing', async () => {
      const line = await createLine(10_000);
      const pending = await submittedGrant(line, 1_000);
      const paid = await approvedGrant(line, 2_000);
      for (const caseId of [pending.caseId, paid.caseId]) {
        await moveCase(t, counsellor, caseId, { to: 'closed', reason: 'other' });
        await waitForStatus(t, coordinator, caseId, 'closed');
      }

      const approval = await post(`/api/grants/${pending.grantId}/approve`, { approvedAmount: 1_000 });
      expect(approval.status).toBe(409);
      expect(approval.body.code).toBe('GRANT_CASE_CLOSED');
      expect(await fundingLine(line)).toMatchObject({ committedAmount: 2_000 });
      expect((await grant(pending.grantId)).status).toBe('submitted');

      const payment = await post(`/api/grants/${paid.grantId}/disbursements`, {
        amount: 500,
        paidOn: '2026-05-03',
      });
      expect(payment.status).toBe(201);
      expect(await fundingLine(line)).toMatchObject({ committedAmount: 2_000, disbursedAmount: 500 });

      const rejection = await post(`/api/grants/${pending.grantId}/reject`, {
        reason: 'The person moved away',
      });
      expect(rejection.status).toBe(200);
    });
  });

  describe('refusals along the way', () => {
    it('rejects a submitted grant with a reason, after which nothing else is possible', async () => {
      const { caseId } = await openCase(t, counsellor);
      const drafted = await draft(caseId);
      const grantId = drafted.body.id as string;

      const early = await post(`/api/grants/${grantId}/reject`, { reason: 'Incomplete plan' });
      expect(early.status).toBe(409);
      expect((await post(`/api/grants/${grantId}/approve`, { approvedAmount: 100 })).status).toBe(409);
      expect(
        (await post(`/api/grants/${grantId}/disbursements`, { amount: 10, paidOn: '2026-03-01' })).status,
      ).toBe(409);
      expect(
        (
          await post(`/api/grants/${grantId}/business-started`, {
            startedOn: '2026-03-01',
            vatNumber: VAT_NUMBER,
          })
        ).status,
      ).toBe(409);

      expect((await post(`/api/grants/${grantId}/submit`, {}, counsellor)).status).toBe(200);
      expect((await post(`/api/grants/${grantId}/reject`, { reason: '  ' })).status).toBe(400);
      expect((await post(`/api/grants/${grantId}/reject`, { reason: 'Plan' }, counsellor)).status).toBe(403);
      expect((await grant(grantId)).status).toBe('submitted');

      const rejected = await post(`/api/grants/${grantId}/reject`, { reason: 'The market study is missing' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        rejectionReason: 'The market study is missing',
        decidedById: coordinator.user.id,
        approvedAmount: null,
      });

      for (const [path, body] of [
        ['approve', { approvedAmount: 100 }],
        ['reject', { reason: 'Again' }],
        ['submit', {}],
        ['disbursements', { amount: 10, paidOn: '2026-03-01' }],
        ['business-started', { startedOn: '2026-03-01', vatNumber: VAT_NUMBER }],
      ] as const) {
        const refused = await post(`/api/grants/${grantId}/${path}`, body);
        expect(refused.status).toBe(409);
        expect(refused.body.code).toBe('GRANT_INVALID_STATUS');
      }
      expect(await grant(grantId)).toMatchObject({
        status: 'rejected',
        disbursedAmount: 0,
        placementId: null,
      });
    });

    it('refuses an approval the funding line cannot cover with 409 BUDGET_EXCEEDED', async () => {
      const smallLine = await createLine(1_000);
      const { grantId } = await submittedGrant(smallLine, 1_500);
      const refused = await post(`/api/grants/${grantId}/approve`, { approvedAmount: 1_000.01 });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'BUDGET_EXCEEDED', details: { availableAmount: 1_000 } });
      expect(await fundingLine(smallLine)).toMatchObject({ committedAmount: 0, remainingAmount: 1_000 });
      expect((await grant(grantId)).status).toBe('submitted');

      const approved = await post(`/api/grants/${grantId}/approve`, { approvedAmount: 1_000 });
      expect(approved.status).toBe(200);
      expect(await fundingLine(smallLine)).toMatchObject({ committedAmount: 1_000, remainingAmount: 0 });
    });
  });

  describe('under concurrent requests', () => {
    it('pays exactly six of ten simultaneous tranches of 300 on a grant of 2000', async () => {
      const line = await createLine(10_000);
      const { grantId } = await approvedGrant(line, 2_000);
      await quiet();
      const before = await metrics();

      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          post(`/api/grants/${grantId}/disbursements`, { amount: 300, paidOn: '2026-05-01' }),
        ),
      );
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(6);
      const refused = answers.filter((answer) => answer.status !== 201);
      expect(refused.map((answer) => answer.status)).toEqual([409, 409, 409, 409]);
      expect(new Set(refused.map((answer) => answer.body.code))).toEqual(
        new Set(['GRANT_DISBURSED_OVER_APPROVED']),
      );

      expect((await grant(grantId)).disbursedAmount).toBe(1_800);
      const ledger = (await get(`/api/grants/${grantId}/disbursements`)).body.items as Array<{
        amount: number;
      }>;
      expect(ledger).toHaveLength(6);
      expect(ledger.reduce((sum, item) => sum + item.amount, 0)).toBe(1_800);
      expect(await fundingLine(line)).toMatchObject({ committedAmount: 2_000, disbursedAmount: 1_800 });

      await quiet();
      const after = await metrics();
      expect(after.grantsDisbursed).toBe(before.grantsDisbursed + 1);
      expect(after.grantsDisbursedAmount).toBeCloseTo(before.grantsDisbursedAmount + 1_800, 2);
    });

    it('lets grants racing for one funding line commit and pay no more than it holds', async () => {
      const line = await createLine(1_000);
      const contenders = await Promise.all([1, 2, 3, 4, 5].map(() => submittedGrant(line, 300)));

      const approvals = await Promise.all(
        contenders.map(({ grantId }) => post(`/api/grants/${grantId}/approve`, { approvedAmount: 300 })),
      );
      expect(approvals.filter((answer) => answer.status === 200)).toHaveLength(3);
      const refused = approvals.filter((answer) => answer.status !== 200);
      expect(refused.map((answer) => [answer.status, answer.body.code])).toEqual([
        [409, 'BUDGET_EXCEEDED'],
        [409, 'BUDGET_EXCEEDED'],
      ]);
      expect(await fundingLine(line)).toMatchObject({ committedAmount: 900, remainingAmount: 100 });

      // Every approved grant asks for four tranches of 100 at once, all grants together.
      const approved = contenders.filter((_contender, index) => approvals[index].status === 200);
      const payments = await Promise.all(
        approved.flatMap(({ grantId }) =>
          [1, 2, 3, 4].map(() =>
            post(`/api/grants/${grantId}/disbursements`, { amount: 100, paidOn: '2026-05-02' }),
          ),
        ),
      );
      expect(payments.filter((answer) => answer.status === 201)).toHaveLength(9);
      expect(payments.filter((answer) => answer.status === 409)).toHaveLength(3);
      for (const { grantId } of approved) expect((await grant(grantId)).disbursedAmount).toBe(300);
      expect(await fundingLine(line)).toMatchObject({ committedAmount: 900, disbursedAmount: 900 });

      // The running totals agree with the ledgers they summarise.
      const [totals] = await t.dataSource.query(
        `SELECT fl.committed_cents,
                fl.disbursed_cents,
                (SELECT coalesce(sum(g.approved_cents), 0) FROM grants g
                  WHERE g.funding_line_id = fl.id AND g.status = 'approved') AS approved_sum,
                (SELECT coalesce(sum(d.amount_cents), 0) FROM disbursements d
                  JOIN grants g ON g.id = d.grant_id WHERE g.funding_line_id = fl.id) AS ledger_sum
           FROM funding_lines fl WHERE fl.id = $1`,
        [line],
      );
      expect(totals).toEqual({
        committed_cents: '90000',
        disbursed_cents: '90000',
        approved_sum: '90000',
        ledger_sum: '90000',
      });
    });

    it('approves a grant once when two coordinators approve it at the same moment', async () => {
      const line = await createLine(5_000);
      const { grantId } = await submittedGrant(line, 2_000);
      const otherCoordinator = await t.userToken(Role.COORDINATOR);
      const answers = await Promise.all([
        post(`/api/grants/${grantId}/approve`, { approvedAmount: 2_000 }, coordinator),
        post(`/api/grants/${grantId}/approve`, { approvedAmount: 1_500 }, otherCoordinator),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const winner = answers.find((answer) => answer.status === 200)!;
      expect(await fundingLine(line)).toMatchObject({ committedAmount: winner.body.approvedAmount });
      expect((await grant(grantId)).approvedAmount).toBe(winner.body.approvedAmount);
    });
  });
});
