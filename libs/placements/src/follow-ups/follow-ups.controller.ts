import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, type Page, PageDto, Role, Roles, programmeToday } from '#app/core';
import { FollowUpsService } from './follow-ups.service.js';
import { FollowUpResponseDto } from './dto/follow-up-response.dto.js';
import { ListFollowUpsQueryDto } from './dto/list-follow-ups.query.js';
import { RecordFollowUpDto } from './dto/record-follow-up.dto.js';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('follow-ups')
@Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get()
  @ApiOkResponse({ type: PageDto(FollowUpResponseDto) })
  async list(
    @Query() query: ListFollowUpsQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<FollowUpResponseDto>> {
    const page = await this.followUps.list(query, actor);
    const today = programmeToday();
    return { ...page, items: page.items.map((followUp) => FollowUpResponseDto.from(followUp, today)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: FollowUpResponseDto })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<FollowUpResponseDto> {
    return FollowUpResponseDto.from(await this.followUps.findVisibleOrFail(id, actor), programmeToday());
  }

  @Patch(':id')
  @ApiOkResponse({ type: FollowUpResponseDto })
  async record(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordFollowUpDto,
    @CurrentActor() actor: Actor,
  ): Promise<FollowUpResponseDto> {
    return FollowUpResponseDto.from(await this.followUps.record(id, dto, actor), programmeToday());
  }
}
