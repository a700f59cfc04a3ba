import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, type Page, PageDto, PaginationQueryDto, Role, Roles } from '#app/core';
import { InterviewsService } from './interviews.service.js';
import { InterviewResponseDto } from './dto/interview-response.dto.js';
import { ScheduleInterviewDto } from './dto/schedule-interview.dto.js';
import { UpdateInterviewDto } from './dto/update-interview.dto.js';

@ApiTags('interviews')
@ApiBearerAuth()
@Controller()
@Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
export class InterviewsController {
  constructor(private readonly interviews: InterviewsService) {}

  @Post('cases/:caseId/interviews')
  @ApiCreatedResponse({ type: InterviewResponseDto })
  async schedule(
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: ScheduleInterviewDto,
    @CurrentActor() actor: Actor,
  ): Promise<InterviewResponseDto> {
    return InterviewResponseDto.from(await this.interviews.schedule(caseId, dto, actor));
  }

  @Get('cases/:caseId/interviews')
  @ApiOkResponse({ type: PageDto(InterviewResponseDto) })
  async listForCase(
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Query() query: PaginationQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<InterviewResponseDto>> {
    const page = await this.interviews.listForCase(caseId, query, actor);
    return { ...page, items: page.items.map((interview) => InterviewResponseDto.from(interview)) };
  }

  @Get('interviews/:id')
  @ApiOkResponse({ type: InterviewResponseDto })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<InterviewResponseDto> {
    return InterviewResponseDto.from(await this.interviews.findVisibleOrFail(id, actor));
  }

  @Patch('interviews/:id')
  @ApiOkResponse({ type: InterviewResponseDto })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateInterviewDto,
    @CurrentActor() actor: Actor,
  ): Promise<InterviewResponseDto> {
    return InterviewResponseDto.from(await this.interviews.update(id, dto, actor));
  }
}
