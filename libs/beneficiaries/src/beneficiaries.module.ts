import { AuditModule } from '#app/audit';
import { AppConfig } from '#app/core';
import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BeneficiariesController } from './beneficiaries.controller.js';
import { BeneficiariesService } from './beneficiaries.service.js';
import { Beneficiary } from './beneficiary.entity.js';
import { BeneficiaryImportService } from './import/beneficiary-import.service.js';
import { BeneficiaryPrivacyService } from './privacy/beneficiary-privacy.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Beneficiary]),
    AuditModule,
    // Uploads stay in memory (no dest): one file, capped like a text/csv body by IMPORT_LIMIT.
    MultipartModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.importLimitBytes, files: 1, fields: 10 },
      }),
    }),
  ],
  controllers: [BeneficiariesController],
  providers: [BeneficiariesService, BeneficiaryImportService, BeneficiaryPrivacyService],
  exports: [BeneficiariesService],
})
export class BeneficiariesModule {}
