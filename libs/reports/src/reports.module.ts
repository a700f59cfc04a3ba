import { Module } from '@nestjs/common';
import { EsfIndicatorsService } from './esf/esf-indicators.service.js';
import { OutcomesService } from './outcomes/outcomes.service.js';
import { reportsDataSourceProvider, ReportsQueryRunner } from './reports-data-source.js';
import { ReportsController } from './reports.controller.js';

/**
 * Read-only reports over every context's tables with set-based SQL (docs/reports.md). No entities of its
 * own: it reads through the 'reports' connection, a replica when REPORTS_DATABASE_URL is set.
 */
@Module({
  controllers: [ReportsController],
  providers: [reportsDataSourceProvider, ReportsQueryRunner, OutcomesService, EsfIndicatorsService],
  exports: [OutcomesService, EsfIndicatorsService],
})
export class ReportsModule {}
