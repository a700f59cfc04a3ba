import { IsText } from '#app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  BeneficiaryGender,
  EmploymentStatus,
  MAX_EDUCATION_LEVEL,
  MIN_EDUCATION_LEVEL,
  ReferralSource,
  Vulnerability,
} from '../beneficiary.constant.js';
import {
  IsBirthDate,
  IsCountryCode,
  IsFiscalCode,
  IsOmittable,
  IsPastInstant,
} from '../validation/decorators.js';

const MAX_SKILLS = 50;
const MAX_SKILL_LENGTH = 100;
const MAX_LANGUAGES = 20;
const MAX_LANGUAGE_LENGTH = 50;
/** Digits, spaces and the usual separators, optionally with an international prefix. */
const PHONE = /^\+?[0-9][0-9 ()./-]{4,30}$/;

function trimEach({ value }: { value: unknown }): unknown {
  return Array.isArray(value)
    ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item))
    : value;
}

/**
 * Registration of a person. Optional facts may be omitted or null; consent is required because no
 * personal data may be stored without it.
 */
export class CreateBeneficiaryDto {
  @IsText(100, { example: 'Mario' })
  @IsNotEmpty()
  firstName: string;

  @IsText(100, { example: 'Rossi' })
  @IsNotEmpty()
  lastName: string;

  @IsFiscalCode()
  fiscalCode: string;

  @IsBirthDate({ optional: true })
  birthDate?: string | null;

  @ApiPropertyOptional({
    enum: BeneficiaryGender,
    enumName: 'BeneficiaryGender',
    nullable: true,
    description: 'F, M, or X for non-binary (X is not compared with the fiscal code)',
  })
  @IsOptional()
  @IsEnum(BeneficiaryGender)
  gender?: BeneficiaryGender | null;

  @ApiPropertyOptional({ type: String, maxLength: 254, format: 'email', nullable: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MaxLength(254)
  @IsEmail()
  email?: string | null;

  @IsText(32, { optional: true, nullable: true, pattern: PHONE, example: '+39 051 123456' })
  phone?: string | null;

  @IsText(100, {
    optional: true,
    nullable: true,
    example: 'Bologna',
    description: 'Municipality of residence',
  })
  municipality?: string | null;

  @IsCountryCode({ optional: true, description: 'Citizenship, ISO 3166-1 alpha-2' })
  citizenship?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: MIN_EDUCATION_LEVEL,
    maximum: MAX_EDUCATION_LEVEL,
    nullable: true,
    description: 'ISCED 2011 level',
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_EDUCATION_LEVEL)
  @Max(MAX_EDUCATION_LEVEL)
  educationLevel?: number | null;

  @ApiPropertyOptional({ enum: EmploymentStatus, enumName: 'EmploymentStatus', nullable: true })
  @IsOptional()
  @IsEnum(EmploymentStatus)
  employmentStatus?: EmploymentStatus | null;

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  disability?: boolean;

  @ApiPropertyOptional({ enum: Vulnerability, enumName: 'Vulnerability', isArray: true, uniqueItems: true })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(Object.values(Vulnerability).length)
  @ArrayUnique()
  @IsEnum(Vulnerability, { each: true })
  vulnerabilities?: Vulnerability[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_SKILLS, example: ['forklift licence', 'HACCP'] })
  @IsOmittable()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(MAX_SKILLS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(MAX_SKILL_LENGTH, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_LANGUAGES, example: ['it', 'en'] })
  @IsOmittable()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(MAX_LANGUAGES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(MAX_LANGUAGE_LENGTH, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ enum: ReferralSource, enumName: 'ReferralSource', nullable: true })
  @IsOptional()
  @IsEnum(ReferralSource)
  referralSource?: ReferralSource | null;

  @IsPastInstant({ description: 'When the person signed the privacy notice; required' })
  privacyConsentAt: string;
}
