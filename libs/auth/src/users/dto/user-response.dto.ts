import { ApiProperty } from '@nestjs/swagger';
import { Role } from '#app/core';
import type { User } from '../user.entity.js';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'giulia.rossi@example.org' })
  email: string;

  @ApiProperty({ example: 'Giulia Rossi' })
  fullName: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role: Role;

  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'Set for company users only' })
  companyId: string | null;

  @ApiProperty()
  disabled: boolean;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(user: User): UserResponseDto {
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      role: user.role,
      companyId: user.companyId,
      disabled: user.disabled,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    };
  }
}
