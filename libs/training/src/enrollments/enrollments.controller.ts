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
import { EnrollmentsService } from './enrollments.service.js';
import { CreateEnrollmentDto } from './dto/create-enrollment.dto.js';
import { EnrollmentResponseDto } from './dto/enrollment-response.dto.js';
import { UpdateEnrollmentDto } from './dto/update-enrollment.dto.js';

@ApiTags('training')
@ApiBearerAuth()
@Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Companies never see enrollments' })
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or a case not visible to the caller' })
@Controller()
export class EnrollmentsController {
  constructor(private readonly enrollments: EnrollmentsService) {}

  @Post('courses/:courseId/enrollments')
  @ApiOperation({ summary: 'Enroll a case in a course (event enrollment.created)' })
  @ApiCreatedResponse({ type: EnrollmentResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'The course is full, the case is already enrolled in it, or the case is closed',
  })
  async enroll(
    @Param('courseId', ParseUUIDPipe) courseId: string,
    @Body() dto: CreateEnrollmentDto,
    @CurrentActor() actor: Actor,
  ): Promise<EnrollmentResponseDto> {
    return EnrollmentResponseDto.from(await this.enrollments.enroll(courseId, dto, actor));
  }

  @Get('cases/:caseId/enrollments')
  @ApiOperation({ summary: "A case's enrollments, oldest first" })
  @ApiOkResponse({ type: PageDto(EnrollmentResponseDto) })
  async listForCase(
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Query() query: PaginationQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<EnrollmentResponseDto>> {
    const page = await this.enrollments.listForCase(caseId, query, actor);
    return { ...page, items: page.items.map((enrollment) => EnrollmentResponseDto.from(enrollment)) };
  }

  @Get('enrollments/:id')
  @ApiOkResponse({ type: EnrollmentResponseDto })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<EnrollmentResponseDto> {
    return EnrollmentResponseDto.from(await this.enrollments.findVisibleOrFail(id, actor));
  }

  @Patch('enrollments/:id')
  @ApiOperation({ summary: 'End an enrollment: completed (with its qualification) or dropped' })
  @ApiOkResponse({ type: EnrollmentResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A qualification without completion' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The enrollment already ended' })
  async end(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateEnrollmentDto,
    @CurrentActor() actor: Actor,
  ): Promise<EnrollmentResponseDto> {
    return EnrollmentResponseDto.from(await this.enrollments.end(id, dto, actor));
  }
}
