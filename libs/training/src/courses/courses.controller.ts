import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
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
import { CoursesService } from './courses.service.js';
import { CourseResponseDto } from './dto/course-response.dto.js';
import { CreateCourseDto } from './dto/create-course.dto.js';

@ApiTags('training')
@ApiBearerAuth()
@Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Companies do not see the training catalogue' })
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Post()
  @Roles(Role.ADMIN, Role.COORDINATOR)
  @ApiOperation({ summary: 'Add a course to the catalogue (coordinator)' })
  @ApiCreatedResponse({ type: CourseResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Invalid fields or dates out of order' })
  async create(@Body() dto: CreateCourseDto, @CurrentActor() actor: Actor): Promise<CourseResponseDto> {
    const { course, enrolled } = await this.courses.create(dto, actor);
    return CourseResponseDto.from(course, enrolled);
  }

  @Get()
  @ApiOperation({ summary: 'The catalogue, latest start first, with seats taken and left' })
  @ApiOkResponse({ type: PageDto(CourseResponseDto) })
  async list(@Query() query: PaginationQueryDto): Promise<Page<CourseResponseDto>> {
    const page = await this.courses.list(query);
    return {
      ...page,
      items: page.items.map(({ course, enrolled }) => CourseResponseDto.from(course, enrolled)),
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One course with seats taken and left' })
  @ApiOkResponse({ type: CourseResponseDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async findOne(@Param('id', ParseUUIDPipe) id: string): Promise<CourseResponseDto> {
    const { course, enrolled } = await this.courses.findOrFail(id);
    return CourseResponseDto.from(course, enrolled);
  }
}
