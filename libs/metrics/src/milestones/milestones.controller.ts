import { Controller, Get, type MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { type Page, PageDto, PaginationQueryDto, Role, Roles } from '#app/core';
import { MilestonesService } from './milestones.service.js';
import { MilestoneResponseDto } from './dto/milestone-response.dto.js';

@ApiTags('milestones')
@ApiBearerAuth()
@Controller('milestones')
@Roles(Role.ADMIN, Role.COORDINATOR)
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Get()
  @ApiOkResponse({ type: PageDto(MilestoneResponseDto) })
  list(@Query() query: PaginationQueryDto): Promise<Page<MilestoneResponseDto>> {
    return this.milestones.list(query);
  }

  @Sse('stream')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-sent events, one `milestone` event per milestone reached' })
  stream(): Observable<MessageEvent> {
    return this.milestones.live$.pipe(
      map((milestone) => ({ type: 'milestone', id: milestone.id, data: milestone })),
    );
  }
}
