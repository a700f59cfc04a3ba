import { PageDto, Role, Roles, type Page } from '#app/core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from './audit.service.js';
import { AuditLogResponseDto } from './dto/audit-log-response.dto.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Roles(Role.ADMIN, Role.COORDINATOR)
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Who read or changed what, newest first' })
  @ApiOkResponse({ type: PageDto(AuditLogResponseDto) })
  @ApiForbiddenResponse({ description: 'Only admins and coordinators read the audit log' })
  async list(@Query() query: AuditQueryDto): Promise<Page<AuditLogResponseDto>> {
    const page = await this.audit.list(query);
    return { ...page, items: page.items.map((entry) => AuditLogResponseDto.from(entry)) };
  }
}
