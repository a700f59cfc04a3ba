import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuditModule } from '#app/audit';
import { AuthModule } from '#app/auth';
import { BeneficiariesModule } from '#app/beneficiaries';
import { CasesModule } from '#app/cases';
import { CompaniesModule } from '#app/companies';
import {
  ConfigModule,
  createValidationPipe,
  DatabaseModule,
  GlobalExceptionFilter,
  IdempotencyModule,
  LoggingModule,
} from '#app/core';
import { GrantsModule } from '#app/grants';
import { InternshipsModule } from '#app/internships';
import { InterviewsModule } from '#app/interviews';
import { MetricsModule } from '#app/metrics';
import { PlacementsModule } from '#app/placements';
import { RemindersModule } from '#app/reminders';
import { ReportsModule } from '#app/reports';
import { TrainingModule } from '#app/training';
import { HealthModule } from './health/health.module.js';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    IdempotencyModule,
    AuthModule,
    AuditModule,
    BeneficiariesModule,
    CasesModule,
    InterviewsModule,
    MetricsModule,
    PlacementsModule,
    CompaniesModule,
    GrantsModule,
    TrainingModule,
    InternshipsModule,
    RemindersModule,
    ReportsModule,
    HealthModule,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: GlobalExceptionFilter },
  ],
})
export class ApiModule {}
