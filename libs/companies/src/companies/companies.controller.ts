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
import { CompaniesService } from './companies.service.js';
import { CompanyDetailResponseDto } from './dto/company-detail-response.dto.js';
import { CompanyResponseDto } from './dto/company-response.dto.js';
import { CreateCompanyDto } from './dto/create-company.dto.js';
import { ListCompaniesQueryDto } from './dto/list-companies.query.js';
import { UpdateCompanyDto } from './dto/update-company.dto.js';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @Roles(Role.ADMIN, Role.COORDINATOR)
  @ApiOperation({ summary: 'Register a Board company' })
  @ApiCreatedResponse({ type: CompanyResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Invalid fields, e.g. a VAT check digit' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only admins and coordinators register' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The VAT number is already registered' })
  async create(@Body() dto: CreateCompanyDto): Promise<CompanyResponseDto> {
    return CompanyResponseDto.from(await this.companies.create(dto));
  }

  @Get()
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR, Role.COMPANY)
  @ApiOperation({ summary: 'Companies by name (a company user sees only its own)' })
  @ApiOkResponse({ type: PageDto(CompanyResponseDto) })
  async list(
    @Query() query: ListCompaniesQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<CompanyResponseDto>> {
    const page = await this.companies.list(query, actor);
    return { ...page, items: page.items.map((item) => CompanyResponseDto.from(item)) };
  }

  @Get(':id')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR, Role.COMPANY)
  @ApiOperation({ summary: 'A company with its history: openings, proposals, internships, hires' })
  @ApiOkResponse({ type: CompanyDetailResponseDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or another company' })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<CompanyDetailResponseDto> {
    const { company, history } = await this.companies.detail(id, actor);
    return CompanyDetailResponseDto.withHistory(company, history);
  }

  @Patch(':id')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COMPANY)
  @ApiOperation({ summary: 'Edit a company (a company user: its own, except VAT number and Board date)' })
  @ApiOkResponse({ type: CompanyResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or another company' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The VAT number is already registered' })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCompanyDto,
    @CurrentActor() actor: Actor,
  ): Promise<CompanyResponseDto> {
    return CompanyResponseDto.from(await this.companies.update(id, dto, actor));
  }
}
