import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, type Page, PageDto, Role, Roles } from '#app/core';
import { ReminderResponseDto } from './dto/reminder-response.dto.js';
import { ListRemindersQueryDto } from './dto/list-reminders.query.js';
import { UpdateReminderDto } from './dto/update-reminder.dto.js';
import { RemindersService } from './reminders.service.js';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get()
  @Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
  @ApiOkResponse({ type: PageDto(ReminderResponseDto) })
  async list(
    @Query() query: ListRemindersQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<ReminderResponseDto>> {
    const page = await this.reminders.list(query, actor);
    return { ...page, items: page.items.map((item) => ReminderResponseDto.from(item)) };
  }

  /** Reminders are addressed to counsellors: no other role ever has one to mark. */
  @Patch(':id')
  @Roles(Role.COUNSELLOR)
  @ApiOkResponse({ type: ReminderResponseDto })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateReminderDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReminderResponseDto> {
    return ReminderResponseDto.from(await this.reminders.update(id, dto, actor));
  }
}
