import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#app/audit';
import { CasesModule } from '#app/cases';
import { PlacementsModule } from '#app/placements';
import { CompaniesController } from './companies/companies.controller.js';
import { CompaniesService } from './companies/companies.service.js';
import { CompanyEntity } from './companies/company.entity.js';
import { OpeningEntity } from './openings/opening.entity.js';
import { OpeningsController } from './openings/openings.controller.js';
import { OpeningsService } from './openings/openings.service.js';
import { ProposalEntity } from './proposals/proposal.entity.js';
import { ProposalsController } from './proposals/proposals.controller.js';
import { ProposalsService } from './proposals/proposals.service.js';

/** Board companies, their openings, and the candidates proposed to them. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CompanyEntity, OpeningEntity, ProposalEntity]),
    AuditModule,
    CasesModule,
    PlacementsModule,
  ],
  controllers: [CompaniesController, OpeningsController, ProposalsController],
  providers: [CompaniesService, OpeningsService, ProposalsService],
  exports: [CompaniesService, OpeningsService, ProposalsService],
})
export class CompaniesModule {}
