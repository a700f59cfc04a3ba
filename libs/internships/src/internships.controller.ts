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
import {
  type Actor,
  CurrentActor,
  ErrorBodyDto,
  type Page,
  PageDto,
  PaginationQueryDto,
  Role,
  Roles,
} from '#app/core';
import { InternshipsService } from './internships.service.js';
import { CreateInternshipDto } from './dto/create-internship.dto.js';
import { InternshipResponseDto } from './dto/internship-response.dto.js';
import { UpdateInternshipDto } from './dto/update-internship.dto.js';

@ApiTags('internships')
@ApiBearerAuth()
@Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Companies see internships through their company' })
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or a case not visible to the caller' })
@Controller()
export class InternshipsController {
  constructor(private readonly internships: InternshipsService) {}

  @Post('cases/:caseId/internships')
  @ApiOperation({ summary: 'Start an internship under the regional rules (event internship.started)' })
  @ApiCreatedResponse({ type: InternshipResponseDto })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description:
      'Invalid fields, allowance under the floor, or a length out of bounds (details name the rule)',
  })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: "The host's quota of concurrent interns is full, or the case is closed",
  })
  async start(
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: CreateInternshipDto,
    @CurrentActor() actor: Actor,
  ): Promise<InternshipResponseDto> {
    return InternshipResponseDto.from(await this.internships.start(caseId, dto, actor));
  }

  @Get('cases/:caseId/internships')
  @ApiOperation({ summary: "A case's internships, earliest first" })
  @ApiOkResponse({ type: PageDto(InternshipResponseDto) })
  async listForCase(
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Query() query: PaginationQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<InternshipResponseDto>> {
    const page = await this.internships.listForCase(caseId, query, actor);
    return { ...page, items: page.items.map((internship) => InternshipResponseDto.from(internship)) };
  }

  @Get('internships/:id')
  @ApiOkResponse({ type: InternshipResponseDto })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<InternshipResponseDto> {
    return InternshipResponseDto.from(await this.internships.findVisibleOrFail(id, actor));
  }

  @Patch('internships/:id')
  @ApiOperation({ summary: 'End an internship: completed or interrupted (event internship.ended)' })
  @ApiOkResponse({ type: InternshipResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The internship already ended' })
  async end(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateInternshipDto,
    @CurrentActor() actor: Actor,
  ): Promise<InternshipResponseDto> {
    return InternshipResponseDto.from(await this.internships.end(id, dto, actor));
  }
}
