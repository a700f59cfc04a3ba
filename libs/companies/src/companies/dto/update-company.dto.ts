import { PartialType } from '@nestjs/swagger';
import { CreateCompanyDto } from './create-company.dto.js';

/**
 * Any subset of the fields; null is refused because every field is required. A company user may not
 * change its VAT number or Board membership date (the programme's records): those answer 400.
 */
export class UpdateCompanyDto extends PartialType(CreateCompanyDto, { skipNullProperties: false }) {}
