import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Role } from '#app/core';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

/**
 * REPORTS_DATABASE_URL: one app plays the primary; a second app, on a database of its own, is pointed at
 * the first one's database as its reports replica, so what its reports count proves where they read.
 */
describe('reports on a replica (REPORTS_DATABASE_URL)', () => {
  let primary: TestApp;
  let reader: TestApp;
  let coordinator: TestUser;

  beforeAll(async () => {
    primary = await createTestApp({ worker: false });
    reader = await createTestApp({ worker: false, env: { REPORTS_DATABASE_URL: primary.databaseUrl } });
    // createTestApp copies its env into process.env; later apps of this file must not inherit the replica.
    delete process.env.REPORTS_DATABASE_URL;
    coordinator = await reader.userToken(Role.COORDINATOR);

    const counsellor = await primary.userToken(Role.COUNSELLOR);
    const [person] = await primary.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO beneficiaries (first_name, last_name, fiscal_code, gender, citizenship, privacy_consent_at)
       VALUES ('Replica', 'Person', 'REPLICA000000001', 'F', 'SN', now()) RETURNING id`,
    );
    await primary.dataSource.query(
      `INSERT INTO cases (beneficiary_id, counsellor_id, opened_at) VALUES ($1, $2, '2024-03-01T10:00:00Z')`,
      [person.id, counsellor.user.id],
    );
  });

  afterAll(async () => {
    await reader?.close();
    await primary?.close();
  });

  const reportsConnection = (app: TestApp) => app.app.get<DataSource>(getDataSourceToken('reports'));

  it('uses the default connection for reports when REPORTS_DATABASE_URL is unset', () => {
    expect(reportsConnection(primary)).toBe(primary.dataSource);
  });

  it('opens a read-only connection of its own when REPORTS_DATABASE_URL is set', async () => {
    const reports = reportsConnection(reader);
    expect(reports).not.toBe(reader.dataSource);
    const [setting] = await reports.query<Array<{ default_transaction_read_only: string }>>(
      'SHOW default_transaction_read_only',
    );
    expect(setting.default_transaction_read_only).toBe('on');
    await expect(reports.query('CREATE TABLE replica_probe (id int)')).rejects.toThrow(/read-only/);
  });

  it('counts the replica database in both reports, not the database the app writes to', async () => {
    const outcomes = await reader
      .http()
      .get('/api/reports/outcomes')
      .query({ from: '2024-01-01', to: '2024-12-31', groupBy: 'counsellor' })
      .set('Authorization', `Bearer ${coordinator.token}`);
    expect(outcomes.status).toBe(200);
    expect(outcomes.body.totals.intakes).toBe(1);

    const esf = await reader
      .http()
      .get('/api/reports/esf-indicators')
      .query({ from: '2024-01-01', to: '2024-12-31' })
      .set('Authorization', `Bearer ${coordinator.token}`);
    expect(esf.status).toBe(200);
    expect(esf.body.participants).toMatchObject({ total: 1, women: 1, thirdCountNationals: 1 });

    const [own] = await reader.dataSource.query<Array<{ count: string }>>('SELECT count(*) FROM cases');
    expect(Number(own.count)).toBe(0);
  });
});
