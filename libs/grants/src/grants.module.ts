import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '#app/cases';
import { PlacementsModule } from '#app/placements';
import { FundingLineEntity } from './funding-lines/funding-line.entity.js';
import { FundingLinesController } from './funding-lines/funding-lines.controller.js';
import { FundingLinesService } from './funding-lines/funding-lines.service.js';
import { DisbursementEntity } from './grants/disbursement.entity.js';
import { GrantEntity } from './grants/grant.entity.js';
import { GrantsController } from './grants/grants.controller.js';
import { GrantsService } from './grants/grants.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([FundingLineEntity, GrantEntity, DisbursementEntity]),
    CasesModule,
    PlacementsModule,
  ],
  controllers: [FundingLinesController, GrantsController],
  providers: [FundingLinesService, GrantsService],
  exports: [FundingLinesService, GrantsService],
})
export class GrantsModule {}
