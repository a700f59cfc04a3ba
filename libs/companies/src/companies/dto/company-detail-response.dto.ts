import { ApiProperty } from '@nestjs/swagger';
import { OpeningStatus } from '../../openings/opening.constant.js';
import type { CompanyEntity } from '../company.entity.js';
import { CompanyResponseDto } from './company-response.dto.js';

export class OpeningSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: OpeningStatus, enumName: 'OpeningStatus' })
  status: OpeningStatus;

  @ApiProperty()
  positions: number;

  @ApiProperty()
  hires: number;

  @ApiProperty({ type: String, format: 'date' })
  closesOn: string;

  @ApiProperty()
  createdAt: Date;
}

export class CompanyOpeningsHistoryDto {
  @ApiProperty()
  open: number;

  @ApiProperty()
  closed: number;

  @ApiProperty()
  filled: number;

  @ApiProperty({
    type: OpeningSummaryDto,
    isArray: true,
    description: 'The newest openings (at most 20); GET /api/openings?companyId= lists them all',
  })
  recent: OpeningSummaryDto[];
}

export class CompanyProposalsHistoryDto {
  @ApiProperty()
  proposed: number;

  @ApiProperty()
  interviewing: number;

  @ApiProperty()
  hired: number;

  @ApiProperty()
  rejected: number;
}

export class CompanyInternshipsHistoryDto {
  @ApiProperty()
  active: number;

  @ApiProperty()
  completed: number;

  @ApiProperty()
  interrupted: number;
}

export class CompanyHiresHistoryDto {
  @ApiProperty({ description: 'Contracts recorded with the company (new, extensions and conversions)' })
  placements: number;

  @ApiProperty({ description: 'Distinct people hired' })
  people: number;
}

export class CompanyHistoryDto {
  @ApiProperty({ type: CompanyOpeningsHistoryDto })
  openings: CompanyOpeningsHistoryDto;

  @ApiProperty({ type: CompanyProposalsHistoryDto, description: 'Proposals to its openings by status' })
  proposals: CompanyProposalsHistoryDto;

  @ApiProperty({ type: CompanyInternshipsHistoryDto, description: 'Internships hosted by status' })
  internships: CompanyInternshipsHistoryDto;

  @ApiProperty({ type: CompanyHiresHistoryDto })
  hires: CompanyHiresHistoryDto;
}

export class CompanyDetailResponseDto extends CompanyResponseDto {
  @ApiProperty({ type: CompanyHistoryDto })
  history: CompanyHistoryDto;

  static withHistory(entity: CompanyEntity, history: CompanyHistoryDto): CompanyDetailResponseDto {
    return { ...CompanyResponseDto.from(entity), history };
  }
}
