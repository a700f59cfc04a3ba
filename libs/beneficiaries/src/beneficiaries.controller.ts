import { RequestId } from '#app/audit';
import {
  type Actor,
  attachment,
  CurrentActor,
  ErrorBodyDto,
  type Page,
  PageDto,
  Role,
  Roles,
} from '#app/core';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BeneficiariesService } from './beneficiaries.service.js';
import { BeneficiaryException, BeneficiaryExceptionCode } from './beneficiaries.exception.js';
import { BeneficiaryExportDto } from './dto/beneficiary-export.dto.js';
import { BeneficiaryResponseDto } from './dto/beneficiary-response.dto.js';
import { CreateBeneficiaryDto } from './dto/create-beneficiary.dto.js';
import { ImportResultDto } from './dto/import-result.dto.js';
import { ListBeneficiariesQueryDto } from './dto/list-beneficiaries.query.js';
import { UpdateBeneficiaryDto } from './dto/update-beneficiary.dto.js';
import { IMPORT_COLUMNS, LIST_SEPARATOR } from './import/beneficiary-csv.js';
import { BeneficiaryImportService } from './import/beneficiary-import.service.js';
import { BeneficiaryPrivacyService } from './privacy/beneficiary-privacy.service.js';

const UPLOAD_FIELD = 'file';

/** The CSV text of an import, from a multipart upload or a text/csv (or text/plain) body. */
function csvOf(
  body: unknown,
  file: UploadedMultipartFile | undefined,
  contentType: string | undefined,
): Buffer | string {
  if (file) return file.buffer ?? '';
  if (typeof body === 'string') return body;
  const type = contentType?.toLowerCase() ?? '';
  // The text parser leaves no body at all when the request has none: an empty file.
  if (/^text\/(csv|plain)\b/.test(type)) return '';
  const multipart = type.startsWith('multipart/form-data');
  throw new BeneficiaryException(
    BeneficiaryExceptionCode.IMPORT_NO_FILE,
    multipart
      ? `The form has no file in the field "${UPLOAD_FIELD}"`
      : `Send the CSV as text/csv, or as multipart/form-data with the file in the field "${UPLOAD_FIELD}"`,
  );
}

@ApiTags('beneficiaries')
@ApiBearerAuth()
@Roles(Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Companies never see personal records' })
@Controller('beneficiaries')
export class BeneficiariesController {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly imports: BeneficiaryImportService,
    private readonly privacy: BeneficiaryPrivacyService,
  ) {}

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

  @Post('import')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(FileInterceptor(UPLOAD_FIELD))
  @ApiOperation({
    summary: 'Register many people from a CSV file',
    description:
      `The first line names the columns, any of: ${IMPORT_COLUMNS.join(', ')}. Cells follow the rules of ` +
      `POST /beneficiaries; lists are separated by "${LIST_SEPARATOR}", booleans are true/false, an empty ` +
      'cell is an absent field. Valid rows are registered; the others are reported with their line and ' +
      'reasons and store nothing. Send the file as text/csv, or as multipart/form-data in the field "file".',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'string', example: 'firstName,lastName,fiscalCode,privacyConsentAt' },
        { type: 'object', properties: { [UPLOAD_FIELD]: { type: 'string', format: 'binary' } } },
      ],
    },
  })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'No file, an empty file, malformed CSV, or unknown or repeated columns',
  })
  @ApiPayloadTooLargeResponse({
    type: ErrorBodyDto,
    description: 'Over IMPORT_LIMIT bytes or IMPORT_MAX_ROWS rows',
  })
  async import(
    @Body() body: unknown,
    @UploadedFile() file: UploadedMultipartFile | undefined,
    @Headers('content-type') contentType: string | undefined,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<ImportResultDto> {
    return this.imports.import(csvOf(body, file, contentType), actor, requestId);
  }

  @Get(':id/export')
  @ApiOperation({
    summary: 'Everything held on the person, as JSON (GDPR art. 15 and 20; the export is audited)',
  })
  @ApiOkResponse({ type: BeneficiaryExportDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Absent, or not visible to the caller' })
  async export(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestId() requestId?: string,
  ): Promise<BeneficiaryExportDto> {
    const exported = await this.privacy.export(id, actor, requestId);
    reply.header('Content-Disposition', attachment(`beneficiary-${id}.json`));
    return exported;
  }

  @Post(':id/erase')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ADMIN, Role.COORDINATOR)
  @ApiOperation({
    summary: 'Pseudonymise the personal data (GDPR art. 17); counts and reports stay as they were',
  })
  @ApiOkResponse({ type: BeneficiaryResponseDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only admins and coordinators erase' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Already erased' })
  async erase(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<BeneficiaryResponseDto> {
    return this.privacy.erase(id, actor, requestId);
  }
}
