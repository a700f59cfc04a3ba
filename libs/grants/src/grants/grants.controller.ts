import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
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
import { GrantsService } from './grants.service.js';
import { ApproveGrantDto } from './dto/approve-grant.dto.js';
import { BusinessStartedDto } from './dto/business-started.dto.js';
import { CreateDisbursementDto } from './dto/create-disbursement.dto.js';
import { CreateGrantDto } from './dto/create-grant.dto.js';
import { DisbursementResponseDto } from './dto/disbursement-response.dto.js';
import { GrantResponseDto } from './dto/grant-response.dto.js';
import { RejectGrantDto } from './dto/reject-grant.dto.js';

@ApiTags('grants')
@ApiBearerAuth()
@Controller()
@Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'The role may never do this' })
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or not visible to the caller' })
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Post('cases/:caseId/grants')
  @ApiOperation({ summary: 'Draft a self-employment grant application for a case' })
  @ApiCreatedResponse({ type: GrantResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The case is closed' })
  async create(
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: CreateGrantDto,
    @CurrentActor() actor: Actor,
  ): Promise<GrantResponseDto> {
    return GrantResponseDto.from(await this.grants.create(caseId, dto, actor));
  }

  @Get('cases/:caseId/grants')
  @ApiOkResponse({ type: PageDto(GrantResponseDto) })
  async listForCase(
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Query() query: PaginationQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<GrantResponseDto>> {
    const page = await this.grants.listForCase(caseId, query, actor);
    return { ...page, items: page.items.map((grant) => GrantResponseDto.from(grant)) };
  }

  @Get('grants/:id')
  @ApiOkResponse({ type: GrantResponseDto })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<GrantResponseDto> {
    return GrantResponseDto.from(await this.grants.findVisibleOrFail(id, actor));
  }

  @Post('grants/:id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Submit a draft (the case moves to self_employment)' })
  @ApiOkResponse({ type: GrantResponseDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Not a draft, or the case is closed' })
  async submit(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<GrantResponseDto> {
    return GrantResponseDto.from(await this.grants.submit(id, actor));
  }

  @Post('grants/:id/approve')
  @Roles(Role.ADMIN, Role.COORDINATOR)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve a submitted grant, committing the amount against its funding line' })
  @ApiOkResponse({ type: GrantResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'More than requested' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Not submitted, or BUDGET_EXCEEDED' })
  async approve(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ApproveGrantDto,
    @CurrentActor() actor: Actor,
  ): Promise<GrantResponseDto> {
    return GrantResponseDto.from(await this.grants.approve(id, dto, actor));
  }

  @Post('grants/:id/reject')
  @Roles(Role.ADMIN, Role.COORDINATOR)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: GrantResponseDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Not submitted' })
  async reject(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectGrantDto,
    @CurrentActor() actor: Actor,
  ): Promise<GrantResponseDto> {
    return GrantResponseDto.from(await this.grants.reject(id, dto, actor));
  }

  @Post('grants/:id/disbursements')
  @Roles(Role.ADMIN, Role.COORDINATOR)
  @ApiOperation({ summary: 'Record a payment of an approved grant' })
  @ApiCreatedResponse({ type: DisbursementResponseDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'Not approved, past the approved amount, or BUDGET_EXCEEDED',
  })
  async disburse(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateDisbursementDto,
    @CurrentActor() actor: Actor,
  ): Promise<DisbursementResponseDto> {
    return DisbursementResponseDto.from(await this.grants.disburse(id, dto, actor));
  }

  @Get('grants/:id/disbursements')
  @ApiOkResponse({ type: PageDto(DisbursementResponseDto) })
  async listDisbursements(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PaginationQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<DisbursementResponseDto>> {
    const page = await this.grants.listDisbursements(id, query, actor);
    return { ...page, items: page.items.map((disbursement) => DisbursementResponseDto.from(disbursement)) };
  }

  @Post('grants/:id/business-started')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record that the business opened: a self-employment placement of the case' })
  @ApiOkResponse({ type: GrantResponseDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'Not approved, already started, or the case cannot be placed',
  })
  async businessStarted(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: BusinessStartedDto,
    @CurrentActor() actor: Actor,
  ): Promise<GrantResponseDto> {
    return GrantResponseDto.from(await this.grants.businessStarted(id, dto, actor));
  }
}
