import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '#app/cases';
import { INTERNSHIP_RULES } from './internship.constant.js';
import { InternshipEntity } from './internship.entity.js';
import { InternshipsController } from './internships.controller.js';
import { InternshipsService } from './internships.service.js';
import { EMILIA_ROMAGNA_INTERNSHIP_RULES } from './rules/internship-rules.js';

@Module({
  imports: [TypeOrmModule.forFeature([InternshipEntity]), CasesModule],
  controllers: [InternshipsController],
  providers: [InternshipsService, { provide: INTERNSHIP_RULES, useValue: EMILIA_ROMAGNA_INTERNSHIP_RULES }],
  exports: [InternshipsService],
})
export class InternshipsModule {}
