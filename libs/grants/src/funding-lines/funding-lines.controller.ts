import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
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
import { FundingLinesService } from './funding-lines.service.js';
import { CreateFundingLineDto } from './dto/create-funding-line.dto.js';
import { FundingLineResponseDto } from './dto/funding-line-response.dto.js';

@ApiTags('funding-lines')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Companies never see the budget' })
@Controller('funding-lines')
export class FundingLinesController {
  constructor(private readonly fundingLines: FundingLinesService) {}

  @Post()
  @Roles(Role.ADMIN, Role.COORDINATOR)
  @ApiOperation({ summary: 'Open a funding line with its programmed budget' })
  @ApiCreatedResponse({ type: FundingLineResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Invalid fields, CUP or amount' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The code is already taken' })
  async create(
    @Body() dto: CreateFundingLineDto,
    @CurrentActor() actor: Actor,
  ): Promise<FundingLineResponseDto> {
    return FundingLineResponseDto.from(await this.fundingLines.create(dto, actor));
  }

  @Get()
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
  @ApiOperation({ summary: 'Funding lines with their committed, disbursed and remaining amounts' })
  @ApiOkResponse({ type: PageDto(FundingLineResponseDto) })
  async list(@Query() query: PaginationQueryDto): Promise<Page<FundingLineResponseDto>> {
    const page = await this.fundingLines.list(query);
    return { ...page, items: page.items.map((line) => FundingLineResponseDto.from(line)) };
  }

  @Get(':id')
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
  @ApiOkResponse({ type: FundingLineResponseDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<FundingLineResponseDto> {
    return FundingLineResponseDto.from(await this.fundingLines.findOrFail(id));
  }
}
