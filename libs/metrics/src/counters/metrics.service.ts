import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { centsToEuros } from '#app/core';
import { MetricCounterEntity } from './metric-counter.entity.js';
import { CASE_STATE_METRIC_PREFIX, Metric } from './metric.constant.js';
import type { MetricsResponseDto } from './dto/metrics-response.dto.js';

@Injectable()
export class MetricsService {
  constructor(
    @InjectRepository(MetricCounterEntity) private readonly counters: Repository<MetricCounterEntity>,
  ) {}

  /**
   * Adds the deltas inside the engine's transaction and returns each counter's value before and after.
   * Rows are touched in name order so two transactions never lock the same counters in opposite orders.
   */
  async add(
    manager: EntityManager,
    deltas: Map<string, number>,
  ): Promise<Map<string, { before: number; after: number }>> {
    const entries = [...deltas].filter(([, delta]) => delta !== 0).sort(([a], [b]) => a.localeCompare(b));
    const result = new Map<string, { before: number; after: number }>();
    for (const [name, delta] of entries) {
      const rows: Array<{ value: string }> = await manager.query(
        `INSERT INTO metric_counters (name, value) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET value = metric_counters.value + EXCLUDED.value
         RETURNING value`,
        [name, delta],
      );
      const after = Number(rows[0].value);
      result.set(name, { before: after - delta, after });
    }
    return result;
  }

  /** O(number of counters): a handful of rows, whatever the size of the history. */
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
