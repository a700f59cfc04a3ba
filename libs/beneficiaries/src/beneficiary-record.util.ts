import type { Beneficiary } from './beneficiary.entity.js';
import type { CreateBeneficiaryDto } from './dto/create-beneficiary.dto.js';
import { normaliseFiscalCode } from './validation/fiscal-code.js';

export type NewBeneficiary = Omit<Beneficiary, 'id' | 'erasedAt' | 'version' | 'createdAt' | 'updatedAt'>;

/** The stored columns of a new registration; shared by the single create and the CSV import. */
export function newBeneficiaryValues(dto: CreateBeneficiaryDto, createdById: string): NewBeneficiary {
  return {
    firstName: dto.firstName,
    lastName: dto.lastName,
    fiscalCode: normaliseFiscalCode(dto.fiscalCode),
    birthDate: dto.birthDate ?? null,
    gender: dto.gender ?? null,
    email: dto.email ?? null,
    phone: dto.phone ?? null,
    municipality: dto.municipality ?? null,
    citizenship: dto.citizenship ?? null,
    educationLevel: dto.educationLevel ?? null,
    employmentStatus: dto.employmentStatus ?? null,
    disability: dto.disability ?? false,
    vulnerabilities: dto.vulnerabilities ?? [],
    skills: dto.skills ?? [],
    languages: dto.languages ?? [],
    referralSource: dto.referralSource ?? null,
    privacyConsentAt: new Date(dto.privacyConsentAt),
    createdById,
  };
}
