import { AuditModule } from '#app/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BeneficiariesController } from './beneficiaries.controller.js';
import { BeneficiariesService } from './beneficiaries.service.js';
import { Beneficiary } from './beneficiary.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Beneficiary]), AuditModule],
  controllers: [BeneficiariesController],
  providers: [BeneficiariesService],
  exports: [BeneficiariesService],
})
export class BeneficiariesModule {}
