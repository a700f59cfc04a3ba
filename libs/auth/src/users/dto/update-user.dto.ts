import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { CreateUserDto } from './create-user.dto.js';

/**
 * The email is the login name and stays as created. `skipNullProperties: false` makes a null
 * fullName/role/password a validation error rather than an attempt to blank a required column.
 */
export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['email', 'companyId'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'Required when the resulting role is company; cleared when the role changes to another role',
  })
  @IsOptional()
  @IsUUID()
  companyId?: string | null;

  @ApiPropertyOptional({ description: 'A disabled user can no longer log in, and its tokens stop working' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}
