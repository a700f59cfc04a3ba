import { type OutboxRow, publishedEvent } from '#app/cases';
import type { PublishedEvent } from '#app/core';
import type { DataSource } from 'typeorm';

export interface SeededEvent {
  type: string;
  payload?: Record<string, unknown>;
}

export const INTERVIEW_HELD: SeededEvent = {
  type: 'interview.held',
  payload: { triage: 'ready_for_placement' },
};

/** A case opened, then its first interview held: the case moves to orientation. */
export const OPENED_AND_HELD: SeededEvent[] = [{ type: 'case.opened' }, INTERVIEW_HELD];

/**
 * Writes `count` people, their cases and each case's events straight into the outbox, as the API
 * would have, so fault tests can push thousands of events through the engine quickly.
 */
export async function seedCasesWithEvents(
  dataSource: DataSource,
  {
    count,
    counsellorId,
    tag,
    events,
  }: { count: number; counsellorId: string; tag: string; events: SeededEvent[] },
): Promise<string[]> {
  const people = await dataSource.query<Array<{ id: string }>>(
    `INSERT INTO beneficiaries (first_name, last_name, fiscal_code, privacy_consent_at)
     SELECT 'Seed', 'Person ' || i, $2 || lpad(i::text, 16 - length($2), '0'), now() FROM generate_series(1, $1) i
     RETURNING id`,
    [count, tag],
  );
  const cases = await dataSource.query<Array<{ id: string }>>(
    `INSERT INTO cases (beneficiary_id, counsellor_id, opened_at, last_activity_at)
     SELECT id, $2, now(), now() FROM unnest($1::uuid[]) AS id ORDER BY id
     RETURNING id`,
    [people.map((person) => person.id), counsellorId],
  );
  const caseIds = cases.map((row) => row.id);
  for (const event of events) {
    await dataSource.query(
      `INSERT INTO case_events (case_id, type, payload) SELECT id, $2, $3::jsonb FROM unnest($1::uuid[]) AS id`,
      [caseIds, event.type, JSON.stringify(event.payload ?? {})],
    );
  }
  await dataSource.query(`SELECT pg_notify('case_events', '')`);
  return caseIds;
}

/** Events not applied yet, of these cases or of all. */
export async function unappliedEvents(dataSource: DataSource, caseIds?: string[]): Promise<number> {
  const [row] = await dataSource.query<Array<{ count: string }>>(
    `SELECT count(*) FROM case_events WHERE applied_at IS NULL${caseIds ? ' AND case_id = ANY($1::uuid[])' : ''}`,
    caseIds ? [caseIds] : [],
  );
  return Number(row.count);
}

export async function counters(dataSource: DataSource): Promise<Record<string, number>> {
  const rows = await dataSource.query<Array<{ name: string; value: string }>>(
    'SELECT name, value FROM metric_counters',
  );
  return Object.fromEntries(
    rows.filter((row) => Number(row.value) !== 0).map((row) => [row.name, Number(row.value)]),
  );
}

/** The events of these cases as the relay publishes them, in sequence order. */
export async function publishedEvents(dataSource: DataSource, caseIds: string[]): Promise<PublishedEvent[]> {
  const rows = await dataSource.query<OutboxRow[]>(
    `SELECT id, case_id, sequence, type, payload, occurred_at FROM case_events
     WHERE case_id = ANY($1::uuid[]) ORDER BY sequence`,
    [caseIds],
  );
  return rows.map(publishedEvent);
}
