import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { seedCasesWithEvents, unappliedEvents } from './support/seed-events.js';
import { createTestApp, type TestApp, type TestUser, waitFor } from './support/test-app.js';

describe('milestones', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let counsellor: TestUser;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ env: { MILESTONE_THRESHOLDS: '2,3,10' } });
    coordinator = await t.userToken(Role.COORDINATOR);
    counsellor = await t.userToken(Role.COUNSELLOR);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await t.close();
  });

  function openStream(
    token: string,
  ): Promise<{ response: IncomingMessage; received: () => string; close: () => void }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/milestones/stream',
          headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          resolve({ response, received: () => text, close: () => request.destroy() });
        },
      );
      request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
      request.end();
    });
  }

  it('announces each milestone live to a connected coordinator and records it once', async () => {
    const stream = await openStream(coordinator.token);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toContain('text/event-stream');
    await waitFor(
      async () => {
        const [row] = await t.dataSource.query(
          `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN milestones'`,
        );
        return Number(row.count) > 0;
      },
      { message: 'the stream listening' },
    );

    await seedCasesWithEvents(t.dataSource, {
      count: 4,
      counsellorId: counsellor.user.id,
      tag: 'MSTONE',
      events: [{ type: 'case.opened' }, { type: 'placement.recorded', payload: { kind: 'new' } }],
    });
    await waitFor(async () => (await unappliedEvents(t.dataSource)) === 0, { message: 'placements applied' });
    await waitFor(() => (stream.received().match(/event: milestone/g) ?? []).length === 2, {
      message: 'two milestone events',
    });
    stream.close();

    const events = stream
      .received()
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice('data: '.length)) as { metric: string; threshold: number });
    expect(events.map((event) => [event.metric, event.threshold])).toEqual([
      ['placements', 2],
      ['placements', 3],
    ]);

    const listed = await t.http().get('/api/milestones').set('Authorization', `Bearer ${coordinator.token}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total: 2, page: 1, limit: 20 });
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items[0]).toMatchObject({ metric: 'placements', threshold: 2 });
    expect(listed.body.items[0].reachedAt).toEqual(expect.any(String));
  });

  it('refuses the milestones to counsellors and companies', async () => {
    const list = await t.http().get('/api/milestones').set('Authorization', `Bearer ${counsellor.token}`);
    expect(list.status).toBe(403);
    const stream = await openStream(counsellor.token);
    expect(stream.response.statusCode).toBe(403);
    stream.close();
    const anonymous = await t.http().get('/api/milestones/stream');
    expect(anonymous.status).toBe(401);
  });
});
