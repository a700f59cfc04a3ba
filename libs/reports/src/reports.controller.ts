import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { attachment, ErrorBodyDto, Role, Roles } from '#app/core';
import { EsfIndicatorsQueryDto } from './esf/dto/esf-indicators-query.dto.js';
import { EsfIndicatorsDto } from './esf/dto/esf-indicators-report.dto.js';
import { EsfIndicatorsService } from './esf/esf-indicators.service.js';
import { OutcomesQueryDto } from './outcomes/dto/outcomes-query.dto.js';
import { OutcomesReportDto } from './outcomes/dto/outcomes-report.dto.js';
import { OutcomesService } from './outcomes/outcomes.service.js';
import { CSV_CONTENT_TYPE, ReportFormat } from './reports.constant.js';

/** Reports read whole programmes' data, so only the roles that review outcomes may run them (SPEC 4). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles(Role.ADMIN, Role.COORDINATOR)
@ApiBadRequestResponse({
  type: ErrorBodyDto,
  description: 'Bad dates, from after to, unknown groupBy or format',
})
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Counsellors and companies' })
@ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'The report ran past its time limit' })
export class ReportsController {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly esf: EsfIndicatorsService,
  ) {}

  @Get('outcomes')
  @ApiOperation({
    summary: 'Outcomes of the window, in total and by month, counsellor, track, company or referral source',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: OutcomesReportDto,
    description: 'JSON, or with format=csv one row per group and a totals row',
  })
  async outcomesReport(
    @Query() query: OutcomesQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OutcomesReportDto | string> {
    const report = await this.outcomes.report({ from: query.from, to: query.to }, query.groupBy);
    if (query.format !== ReportFormat.CSV) return report;
    reply
      .type(CSV_CONTENT_TYPE)
      .header('Content-Disposition', attachment(`outcomes-${query.groupBy}-${query.from}-${query.to}.csv`));
    return this.outcomes.toCsv(report);
  }

  @Get('esf-indicators')
  @ApiOperation({ summary: 'FSE+ common output and result indicators (Reg. (EU) 2021/1057, Annex I)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: EsfIndicatorsDto,
    description: 'JSON, or with format=csv one indicator,value row each',
  })
  async esfIndicators(
    @Query() query: EsfIndicatorsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EsfIndicatorsDto | string> {
    const report = await this.esf.report({ from: query.from, to: query.to });
    if (query.format !== ReportFormat.CSV) return report;
    reply
      .type(CSV_CONTENT_TYPE)
      .header('Content-Disposition', attachment(`esf-indicators-${query.from}-${query.to}.csv`));
    return this.esf.toCsv(report);
  }
}
