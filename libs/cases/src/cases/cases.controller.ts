import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CurrentActor, type Page, PageDto, Role, Roles } from '#app/core';
import { CasesService } from './cases.service.js';
import { CaseEventResponseDto, TransitionAcceptedDto } from './dto/case-event-response.dto.js';
import { CaseResponseDto } from './dto/case-response.dto.js';
import { ListCasesQueryDto } from './dto/list-cases.query.js';
import { OpenCaseDto } from './dto/open-case.dto.js';
import { ReassignCaseDto } from './dto/reassign-case.dto.js';
import { TimelineQueryDto } from './dto/timeline.query.js';
import { TransitionCaseDto } from './dto/transition-case.dto.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
@Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @ApiCreatedResponse({ type: CaseResponseDto, description: 'Opened in intake' })
  async open(@Body() dto: OpenCaseDto, @CurrentActor() actor: Actor): Promise<CaseResponseDto> {
    return CaseResponseDto.from(await this.cases.open(dto, actor));
  }

  @Get()
  @ApiOkResponse({ type: PageDto(CaseResponseDto) })
  async list(
    @Query() query: ListCasesQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<CaseResponseDto>> {
    const page = await this.cases.list(query, actor);
    return { ...page, items: page.items.map((item) => CaseResponseDto.from(item)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: CaseResponseDto })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<CaseResponseDto> {
    return CaseResponseDto.from(await this.cases.findVisibleOrFail(id, actor));
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: PageDto(CaseEventResponseDto), description: 'Every event, oldest first' })
  async timeline(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: TimelineQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<CaseEventResponseDto>> {
    const page = await this.cases.timeline(id, query, actor);
    return { ...page, items: page.items.map((event) => CaseEventResponseDto.from(event)) };
  }

  @Post(':id/transitions')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: TransitionAcceptedDto, description: 'Recorded; the engine applies it' })
  transition(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TransitionCaseDto,
    @CurrentActor() actor: Actor,
  ): Promise<TransitionAcceptedDto> {
    return this.cases.requestTransition(id, dto, actor);
  }

  @Patch(':id')
  @Roles(Role.ADMIN, Role.COORDINATOR)
  @ApiOkResponse({ type: CaseResponseDto })
  async reassign(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReassignCaseDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseResponseDto> {
    return CaseResponseDto.from(await this.cases.reassign(id, dto.counsellorId, actor));
  }
}
