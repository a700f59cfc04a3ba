import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '#app/core';
import { ProposalStatus } from '../proposal.constant.js';

export class ListProposalsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ProposalStatus, enumName: 'ProposalStatus' })
  @IsOptional()
  @IsEnum(ProposalStatus)
  status?: ProposalStatus;
}
