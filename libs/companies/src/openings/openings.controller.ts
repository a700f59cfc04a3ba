import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CurrentActor, ErrorBodyDto, type Page, PageDto, Role, Roles } from '#app/core';
import { CreateOpeningDto } from './dto/create-opening.dto.js';
import { ListOpeningsQueryDto } from './dto/list-openings.query.js';
import { OpeningResponseDto } from './dto/opening-response.dto.js';
import { UpdateOpeningDto } from './dto/update-opening.dto.js';
import { OpeningsService } from './openings.service.js';

@ApiTags('openings')
@ApiBearerAuth()
@Controller()
export class OpeningsController {
  constructor(private readonly openings: OpeningsService) {}

  @Post('companies/:companyId/openings')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COMPANY)
  @ApiOperation({ summary: 'Post an opening (a company user: for its own company)' })
  @ApiCreatedResponse({ type: OpeningResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Counsellors read openings only' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent company, or another company' })
  async create(
    @Param('companyId', ParseUUIDPipe) companyId: string,
    @Body() dto: CreateOpeningDto,
    @CurrentActor() actor: Actor,
  ): Promise<OpeningResponseDto> {
    return OpeningResponseDto.from(await this.openings.create(companyId, dto, actor));
  }

  @Get('openings')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR, Role.COMPANY)
  @ApiOperation({ summary: 'Openings by status, skill and company (a company user: its own)' })
  @ApiOkResponse({ type: PageDto(OpeningResponseDto) })
  async list(
    @Query() query: ListOpeningsQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<OpeningResponseDto>> {
    const page = await this.openings.list(query, actor);
    return { ...page, items: page.items.map((item) => OpeningResponseDto.from(item)) };
  }

  @Get('openings/:id')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR, Role.COMPANY)
  @ApiOkResponse({ type: OpeningResponseDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or another company’s' })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<OpeningResponseDto> {
    return OpeningResponseDto.from(await this.openings.findVisibleOrFail(id, actor));
  }

  @Patch('openings/:id')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COMPANY)
  @ApiOperation({ summary: 'Edit, close ({status: closed}) or reopen an opening' })
  @ApiOkResponse({ type: OpeningResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or another company’s' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Filled, or positions below the hires' })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOpeningDto,
    @CurrentActor() actor: Actor,
  ): Promise<OpeningResponseDto> {
    return OpeningResponseDto.from(await this.openings.update(id, dto, actor));
  }
}
