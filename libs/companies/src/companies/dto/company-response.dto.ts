import { ApiProperty } from '@nestjs/swagger';
import type { CompanyEntity } from '../company.entity.js';

export class CompanyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: '00743110157' })
  vatNumber: string;

  @ApiProperty({ example: '47.11.10' })
  atecoCode: string;

  @ApiProperty()
  municipality: string;

  @ApiProperty()
  employees: number;

  @ApiProperty({ type: String, format: 'date' })
  boardMemberSince: string;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(entity: CompanyEntity): CompanyResponseDto {
    return {
      id: entity.id,
      name: entity.name,
      vatNumber: entity.vatNumber,
      atecoCode: entity.atecoCode,
      municipality: entity.municipality,
      employees: entity.employees,
      boardMemberSince: entity.boardMemberSince,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
