import { ApiProperty } from '@nestjs/swagger';
import {
  BeneficiaryGender,
  EmploymentStatus,
  ReferralSource,
  Vulnerability,
} from '../beneficiary.constant.js';
import type { Beneficiary } from '../beneficiary.entity.js';

/** The full personal record, for staff who may see it (never for companies: see the candidate view). */
export class BeneficiaryResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  firstName: string;

  @ApiProperty()
  lastName: string;

  @ApiProperty({ example: 'RSSMRA85C15A944F' })
  fiscalCode: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  birthDate: string | null;

  @ApiProperty({ enum: BeneficiaryGender, enumName: 'BeneficiaryGender', nullable: true })
  gender: BeneficiaryGender | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true })
  municipality: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'IT' })
  citizenship: string | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: 8 })
  educationLevel: number | null;

  @ApiProperty({ enum: EmploymentStatus, enumName: 'EmploymentStatus', nullable: true })
  employmentStatus: EmploymentStatus | null;

  @ApiProperty()
  disability: boolean;

  @ApiProperty({ enum: Vulnerability, enumName: 'Vulnerability', isArray: true })
  vulnerabilities: Vulnerability[];

  @ApiProperty({ type: [String] })
  skills: string[];

  @ApiProperty({ type: [String] })
  languages: string[];

  @ApiProperty({ enum: ReferralSource, enumName: 'ReferralSource', nullable: true })
  referralSource: ReferralSource | null;

  @ApiProperty({ format: 'date-time' })
  privacyConsentAt: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user who registered the person',
  })
  createdById: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set once personal data is erased',
  })
  erasedAt: string | null;

  @ApiProperty({ description: 'Incremented by every change' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  static from(entity: Beneficiary): BeneficiaryResponseDto {
    const dto = new BeneficiaryResponseDto();
    dto.id = entity.id;
    dto.firstName = entity.firstName;
    dto.lastName = entity.lastName;
    dto.fiscalCode = entity.fiscalCode;
    dto.birthDate = entity.birthDate;
    dto.gender = entity.gender;
    dto.email = entity.email;
    dto.phone = entity.phone;
    dto.municipality = entity.municipality;
    dto.citizenship = entity.citizenship;
    dto.educationLevel = entity.educationLevel;
    dto.employmentStatus = entity.employmentStatus;
    dto.disability = entity.disability;
    dto.vulnerabilities = entity.vulnerabilities;
    dto.skills = entity.skills;
    dto.languages = entity.languages;
    dto.referralSource = entity.referralSource;
    dto.privacyConsentAt = entity.privacyConsentAt.toISOString();
    dto.createdById = entity.createdById;
    dto.erasedAt = entity.erasedAt ? entity.erasedAt.toISOString() : null;
    dto.version = entity.version;
    dto.createdAt = entity.createdAt.toISOString();
    dto.updatedAt = entity.updatedAt.toISOString();
    return dto;
  }
}
