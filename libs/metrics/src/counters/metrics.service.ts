import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { centsToEuros } from '#app/core';
import { MetricCounterEntity } from './metric-counter.entity.js';
import { counterUpsertSql, randomCounterShard } from './counter-shards.js';
import { CASE_STATE_METRIC_PREFIX, Metric, SINGLE_ROW_METRICS } from './metric.constant.js';
import type { MetricsResponseDto } from './dto/metrics-response.dto.js';

@Injectable()
export class MetricsService {
  constructor(
    @InjectRepository(MetricCounterEntity) private readonly counters: Repository<MetricCounterEntity>,
  ) {}

  /**
   * Adds the deltas inside the caller's transaction, in one statement, each to a random shard of its
   * counter, and returns the value before and after of each single-row counter (the one with
   * milestones): the totals of the others are not known without reading every shard, and nothing needs
   * them.
   */
  async add(
    manager: EntityManager,
    deltas: Map<string, number>,
  ): Promise<Map<string, { before: number; after: number }>> {
    const entries = [...deltas].filter(([, delta]) => delta !== 0);
    const result = new Map<string, { before: number; after: number }>();
    if (!entries.length) return result;
    const rows: Array<{ name: string; value: string }> = await manager.query(
      counterUpsertSql('SELECT * FROM unnest($1::varchar[], $2::bigint[]) AS d(name, delta)', '$3::smallint'),
      [entries.map(([name]) => name), entries.map(([, delta]) => delta), randomCounterShard()],
    );
    for (const row of rows) {
      if (!SINGLE_ROW_METRICS.includes(row.name)) continue;
      const after = Number(row.value);
      result.set(row.name, { before: after - deltas.get(row.name)!, after });
    }
    return result;
  }

  /** O(number of counters x shards): a few hundred rows at most, whatever the size of the history. */
  async snapshot(): Promise<MetricsResponseDto> {
    const rows = await this.counters.find();
    const value = (name: string) => rows.find((row) => row.name === name)?.value ?? 0;
    const casesByState: Record<string, number> = {};
    for (const row of rows) {
      if (row.name.startsWith(CASE_STATE_METRIC_PREFIX))
        casesByState[row.name.slice(CASE_STATE_METRIC_PREFIX.length)] = row.value;
    }
    return {
      placements: value(Metric.PLACEMENTS),
      peoplePlaced: value(Metric.PEOPLE_PLACED),
      interviewsHeld: value(Metric.INTERVIEWS_HELD),
      internshipsStarted: value(Metric.INTERNSHIPS_STARTED),
      enrollmentsCompleted: value(Metric.ENROLLMENTS_COMPLETED),
      grantsDisbursed: value(Metric.GRANTS_DISBURSED),
      grantsDisbursedAmount: centsToEuros(value(Metric.GRANTS_DISBURSED_CENTS)),
      casesByState,
    };
  }
}
