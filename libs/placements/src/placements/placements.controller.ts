import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, type Page, PageDto, PaginationQueryDto, Role, Roles } from '#app/core';
import { PlacementsService } from './placements.service.js';
import { CreatePlacementDto } from './dto/create-placement.dto.js';
import { PlacementResponseDto } from './dto/placement-response.dto.js';

@ApiTags('placements')
@ApiBearerAuth()
@Controller()
@Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Post('cases/:caseId/placements')
  @ApiCreatedResponse({ type: PlacementResponseDto })
  async create(
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: CreatePlacementDto,
    @CurrentActor() actor: Actor,
  ): Promise<PlacementResponseDto> {
    return PlacementResponseDto.from(await this.placements.create(caseId, dto, actor));
  }

  @Get('cases/:caseId/placements')
  @ApiOkResponse({ type: PageDto(PlacementResponseDto) })
  async listForCase(
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Query() query: PaginationQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<PlacementResponseDto>> {
    const page = await this.placements.listForCase(caseId, query, actor);
    return { ...page, items: page.items.map((placement) => PlacementResponseDto.from(placement)) };
  }

  @Get('placements/:id')
  @ApiOkResponse({ type: PlacementResponseDto })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<PlacementResponseDto> {
    return PlacementResponseDto.from(await this.placements.findVisibleOrFail(id, actor));
  }
}
