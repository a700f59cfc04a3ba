import { Injectable } from '@nestjs/common';
import { toCsv } from '../csv/csv.util.js';
import { assertValidPeriod, type ReportPeriod } from '../period/report-period.js';
import { ReportsQueryRunner } from '../reports-data-source.js';
import type { EsfIndicatorsDto, EsfParticipantsDto, EsfResultsDto } from './dto/esf-indicators-report.dto.js';
import { EU_MEMBER_STATES } from './esf-classification.js';
import { ESF_INDICATORS_SQL } from './esf-indicators.sql.js';

@Injectable()
export class EsfIndicatorsService {
  constructor(private readonly reports: ReportsQueryRunner) {}

  async report(period: ReportPeriod): Promise<EsfIndicatorsDto> {
    assertValidPeriod(period);
    const [row] = await this.reports.query<{
      participants: Record<keyof EsfParticipantsDto, number>;
      results: Record<keyof EsfResultsDto, number>;
    }>(ESF_INDICATORS_SQL, [period.from, period.to, EU_MEMBER_STATES]);
    // Named one by one so the answer keeps the order of SPEC 7 (jsonb sorts keys by length).
    const p = row.participants;
    const r = row.results;
    return {
      from: period.from,
      to: period.to,
      participants: {
        total: p.total,
        women: p.women,
        men: p.men,
        nonBinary: p.nonBinary,
        unemployed: p.unemployed,
        longTermUnemployed: p.longTermUnemployed,
        inactive: p.inactive,
        employed: p.employed,
        under18: p.under18,
        age18to29: p.age18to29,
        age55plus: p.age55plus,
        isced0to2: p.isced0to2,
        isced3to4: p.isced3to4,
        isced5to8: p.isced5to8,
        disability: p.disability,
        thirdCountNationals: p.thirdCountNationals,
      },
      results: {
        engagedInJobSearching: r.engagedInJobSearching,
        inEducationOrTraining: r.inEducationOrTraining,
        gainingQualification: r.gainingQualification,
        inEmploymentIncludingSelfEmployment: r.inEmploymentIncludingSelfEmployment,
        inEmploymentSixMonthsAfterLeaving: r.inEmploymentSixMonthsAfterLeaving,
      },
    };
  }

  /** `indicator,value`, one row per indicator with its dotted name (participants.total, results.…). */
  toCsv(report: EsfIndicatorsDto): string {
    const rows = (['participants', 'results'] as const).flatMap((section) =>
      Object.entries(report[section] as unknown as Record<string, number>).map(([name, value]) => [
        `${section}.${name}`,
        value,
      ]),
    );
    return toCsv(['indicator', 'value'], rows);
  }
}
