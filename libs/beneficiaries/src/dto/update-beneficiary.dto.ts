import { PartialType } from '@nestjs/swagger';
import { CreateBeneficiaryDto } from './create-beneficiary.dto.js';

/**
 * Any subset of the registration fields. Null clears an optional fact but is refused for required
 * ones (names, fiscal code, consent), which is why null properties are not skipped.
 */
export class UpdateBeneficiaryDto extends PartialType(CreateBeneficiaryDto, { skipNullProperties: false }) {}
