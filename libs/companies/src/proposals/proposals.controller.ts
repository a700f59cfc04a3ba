import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { RequestId } from '#app/audit';
import { type Actor, CurrentActor, ErrorBodyDto, type Page, PageDto, Role, Roles } from '#app/core';
import { CandidateViewDto } from './dto/candidate-view.dto.js';
import { CreateProposalDto } from './dto/create-proposal.dto.js';
import { ListProposalsQueryDto } from './dto/list-proposals.query.js';
import { ProposalResponseDto } from './dto/proposal-response.dto.js';
import { UpdateProposalDto } from './dto/update-proposal.dto.js';
import { ProposalsService } from './proposals.service.js';

const CandidatePage = PageDto(CandidateViewDto);
const ProposalPage = PageDto(ProposalResponseDto);

/** Companies get the candidate view, staff the full proposal: one shape per audience. */
const oneOf = (...models: (new () => unknown)[]) => ({
  schema: { oneOf: models.map((model) => ({ $ref: getSchemaPath(model) })) },
});

@ApiTags('proposals')
@ApiBearerAuth()
@ApiExtraModels(CandidateViewDto, ProposalResponseDto, CandidatePage, ProposalPage)
@Controller()
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post('openings/:openingId/proposals')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
  @ApiOperation({ summary: 'Propose a case to an open opening (event proposal.created)' })
  @ApiCreatedResponse({ type: ProposalResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Companies do not propose' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent opening, or a case not visible' })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'Opening not open, case closed, or already proposed',
  })
  async create(
    @Param('openingId', ParseUUIDPipe) openingId: string,
    @Body() dto: CreateProposalDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProposalResponseDto> {
    return ProposalResponseDto.from(await this.proposals.create(openingId, dto, actor));
  }

  @Get('openings/:openingId/proposals')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR, Role.COMPANY)
  @ApiOperation({
    summary: "An opening's proposals: the candidate view for its company, the full proposal for staff",
  })
  @ApiOkResponse(oneOf(CandidatePage, ProposalPage))
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or another company’s opening' })
  async list(
    @Param('openingId', ParseUUIDPipe) openingId: string,
    @Query() query: ListProposalsQueryDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<Page<CandidateViewDto> | Page<ProposalResponseDto>> {
    if (actor.role === Role.COMPANY) {
      const page = await this.proposals.listCandidates(openingId, query, actor, requestId);
      return { ...page, items: page.items.map((row) => CandidateViewDto.from(row)) };
    }
    const page = await this.proposals.listForStaff(openingId, query, actor);
    return { ...page, items: page.items.map((item) => ProposalResponseDto.from(item)) };
  }

  @Get('proposals/:id')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR, Role.COMPANY)
  @ApiOkResponse(oneOf(CandidateViewDto, ProposalResponseDto))
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or not the caller’s' })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<CandidateViewDto | ProposalResponseDto> {
    if (actor.role === Role.COMPANY) {
      return CandidateViewDto.from(await this.proposals.candidate(id, actor, requestId));
    }
    return ProposalResponseDto.from(await this.proposals.findVisibleOrFail(id, actor));
  }

  @Patch('proposals/:id')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COMPANY)
  @ApiOperation({
    summary: 'Interview, reject or hire; a hire records the placement in the same transaction',
  })
  @ApiOkResponse(oneOf(CandidateViewDto, ProposalResponseDto))
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'hired without a placement, or bad fields' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Counsellors do not decide on proposals' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or another company’s' })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'A move the proposal cannot make, a filled opening, or a case that cannot be placed',
  })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateProposalDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<CandidateViewDto | ProposalResponseDto> {
    const updated = await this.proposals.update(id, dto, actor);
    if (actor.role === Role.COMPANY) {
      return CandidateViewDto.from(await this.proposals.candidate(id, actor, requestId));
    }
    return ProposalResponseDto.from(updated);
  }
}
