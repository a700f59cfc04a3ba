import { Injectable } from '@nestjs/common';
import type { ReferralSource } from '#app/beneficiaries';
import { toCsv, leafPaths, valueAtPath } from '../csv/csv.util.js';
import { assertValidPeriod, type ReportPeriod } from '../period/report-period.js';
import { ReportsQueryRunner } from '../reports-data-source.js';
import type { OutcomeGroupDto, OutcomesReportDto } from './dto/outcomes-report.dto.js';
import {
  NO_KEY_LABELS,
  OutcomeGroupBy,
  REFERRAL_SOURCE_LABELS,
  Track,
  TRACK_LABELS,
} from './outcome-grouping.js';
import { mergeOutcomeRows, type SourceRow } from './outcome-measures.js';
import { applicableMeasureSources, outcomesSql } from './outcomes.sql.js';

const TRACK_ORDER = Object.values(Track);
const REFERRAL_ORDER = Object.keys(REFERRAL_SOURCE_LABELS);

@Injectable()
export class OutcomesService {
  constructor(private readonly reports: ReportsQueryRunner) {}

  async report(period: ReportPeriod, groupBy: OutcomeGroupBy): Promise<OutcomesReportDto> {
    assertValidPeriod(period);
    const rows = await this.reports.query<SourceRow>(outcomesSql(groupBy), [period.from, period.to]);
    const { totals, groups } = mergeOutcomeRows(rows, applicableMeasureSources(groupBy));
    const labelled: OutcomeGroupDto[] = groups.map((group) => ({
      ...group,
      label: this.label(groupBy, group.key, group.label),
    }));
    return { from: period.from, to: period.to, groupBy, totals, groups: this.sorted(groupBy, labelled) };
  }

  /** One row per group, then the totals row (key `total`); nested measures become dotted columns. */
  toCsv(report: OutcomesReportDto): string {
    const columns = leafPaths(report.totals as unknown as Record<string, unknown>);
    return toCsv(
      ['key', 'label', ...columns],
      [
        ...report.groups.map((group) => [
          group.key,
          group.label,
          ...columns.map((column) => valueAtPath(group, column)),
        ]),
        ['total', 'Total', ...columns.map((column) => valueAtPath(report.totals, column))],
      ],
    );
  }

  private label(groupBy: OutcomeGroupBy, key: string | null, fromDatabase: string | null): string {
    if (key === null) return NO_KEY_LABELS[groupBy] ?? 'None';
    switch (groupBy) {
      case OutcomeGroupBy.MONTH:
        return key;
      case OutcomeGroupBy.TRACK:
        return TRACK_LABELS[key as Track];
      case OutcomeGroupBy.REFERRAL_SOURCE:
        return REFERRAL_SOURCE_LABELS[key as ReferralSource];
      case OutcomeGroupBy.COUNSELLOR:
      case OutcomeGroupBy.COMPANY:
        return fromDatabase ?? key;
    }
  }

  /** Months in order, tracks and referral sources in their fixed order, people and companies by name; "none" last. */
  private sorted(groupBy: OutcomeGroupBy, groups: OutcomeGroupDto[]): OutcomeGroupDto[] {
    const rank = (group: OutcomeGroupDto): number => {
      if (group.key === null) return Number.MAX_SAFE_INTEGER;
      if (groupBy === OutcomeGroupBy.TRACK) return TRACK_ORDER.indexOf(group.key as Track);
      if (groupBy === OutcomeGroupBy.REFERRAL_SOURCE) return REFERRAL_ORDER.indexOf(group.key);
      return 0;
    };
    const text = (group: OutcomeGroupDto) =>
      groupBy === OutcomeGroupBy.MONTH ? (group.key ?? '') : group.label;
    return [...groups].sort(
      (a, b) =>
        rank(a) - rank(b) || text(a).localeCompare(text(b)) || (a.key ?? '').localeCompare(b.key ?? ''),
    );
  }
}
