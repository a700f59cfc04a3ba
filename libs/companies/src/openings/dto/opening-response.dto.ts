import { ApiProperty } from '@nestjs/swagger';
import { OpeningContractType, OpeningStatus } from '../opening.constant.js';
import type { OpeningEntity } from '../opening.entity.js';

export class OpeningResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  companyId: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  description: string;

  @ApiProperty()
  positions: number;

  @ApiProperty({ description: 'Proposals hired so far; the opening is filled when they reach positions' })
  hires: number;

  @ApiProperty({ enum: OpeningContractType, enumName: 'OpeningContractType' })
  contractType: OpeningContractType;

  @ApiProperty()
  municipality: string;

  @ApiProperty({ type: String, format: 'date' })
  closesOn: string;

  @ApiProperty({ type: [String] })
  skills: string[];

  @ApiProperty({ enum: OpeningStatus, enumName: 'OpeningStatus' })
  status: OpeningStatus;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(entity: OpeningEntity): OpeningResponseDto {
    return {
      id: entity.id,
      companyId: entity.companyId,
      title: entity.title,
      description: entity.description,
      positions: entity.positions,
      hires: entity.hires,
      contractType: entity.contractType,
      municipality: entity.municipality,
      closesOn: entity.closesOn,
      skills: entity.skills,
      status: entity.status,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
