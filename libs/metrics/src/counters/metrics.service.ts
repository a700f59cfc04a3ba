import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { centsToEuros } from '#app/core';
import { MetricCounterEntity } from './metric-counter.entity.js';
import { CASE_STATE_METRIC_PREFIX, Metric } from './metric.constant.js';
import type { MetricsResponseDto } from './dto/metrics-response.dto.js';

@Injectable()
export class MetricsService {
  constructor(
    @InjectRepository(MetricCounterEntity) private readonly counters: Repository<MetricCounterEntity>,
  ) {}

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
