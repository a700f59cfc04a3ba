import { RequestId } from '#app/audit';
import { type Actor, CurrentActor, ErrorBodyDto, type Page, PageDto, Role, Roles } from '#app/core';
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
import { BeneficiariesService } from './beneficiaries.service.js';
import { BeneficiaryResponseDto } from './dto/beneficiary-response.dto.js';
import { CreateBeneficiaryDto } from './dto/create-beneficiary.dto.js';
import { ListBeneficiariesQueryDto } from './dto/list-beneficiaries.query.js';
import { UpdateBeneficiaryDto } from './dto/update-beneficiary.dto.js';

@ApiTags('beneficiaries')
@ApiBearerAuth()
@Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Companies never see personal records' })
@Controller('beneficiaries')
export class BeneficiariesController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @Post()
  @ApiOperation({ summary: 'Register a person (privacy consent required)' })
  @ApiCreatedResponse({ type: BeneficiaryResponseDto })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Invalid fields, no consent, or a fiscal code that disagrees',
  })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The fiscal code is already registered' })
  async create(
    @Body() dto: CreateBeneficiaryDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<BeneficiaryResponseDto> {
    return BeneficiaryResponseDto.from(await this.beneficiaries.create(dto, actor, requestId));
  }

  @Get()
  @ApiOperation({ summary: 'Search the people the caller may see' })
  @ApiOkResponse({ type: PageDto(BeneficiaryResponseDto) })
  async list(
    @Query() query: ListBeneficiariesQueryDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<Page<BeneficiaryResponseDto>> {
    const page = await this.beneficiaries.list(query, actor, requestId);
    return { ...page, items: page.items.map((item) => BeneficiaryResponseDto.from(item)) };
  }

  @Get(':id')
  @ApiOperation({ summary: "One person's record (the read is audited)" })
  @ApiOkResponse({ type: BeneficiaryResponseDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or not visible to the caller' })
  async findOne(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<BeneficiaryResponseDto> {
    return BeneficiaryResponseDto.from(await this.beneficiaries.read(id, actor, requestId));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields (the names of changed fields are audited)' })
  @ApiOkResponse({ type: BeneficiaryResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or not visible to the caller' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The new fiscal code is already registered' })
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateBeneficiaryDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<BeneficiaryResponseDto> {
    return BeneficiaryResponseDto.from(await this.beneficiaries.update(id, dto, actor, requestId));
  }
}
