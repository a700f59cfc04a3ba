import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role, Roles } from '#app/core';
import { MetricsService } from './metrics.service.js';
import { MetricsResponseDto } from './dto/metrics-response.dto.js';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
  @ApiOkResponse({ type: MetricsResponseDto })
  snapshot(): Promise<MetricsResponseDto> {
    return this.metrics.snapshot();
  }
}
