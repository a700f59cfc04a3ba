import { ApiProperty } from '@nestjs/swagger';
import { ContractType, PlacementKind, PlacementSource } from '../placement.constant.js';
import type { PlacementEntity } from '../placement.entity.js';

export class PlacementResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  caseId: string;

  @ApiProperty()
  beneficiaryId: string;

  @ApiProperty({ nullable: true, type: String, description: 'Null for self-employment' })
  companyId: string | null;

  @ApiProperty({ nullable: true, type: String })
  openingId: string | null;

  @ApiProperty({ enum: ContractType })
  contractType: ContractType;

  @ApiProperty({ enum: PlacementKind })
  kind: PlacementKind;

  @ApiProperty({ nullable: true, type: String })
  extendsPlacementId: string | null;

  @ApiProperty({ format: 'date' })
  startsOn: string;

  @ApiProperty({ nullable: true, type: Number })
  hoursPerWeek: number | null;

  @ApiProperty({ enum: PlacementSource })
  source: PlacementSource;

  @ApiProperty({ nullable: true, type: String, description: 'The proposal or grant it came from' })
  sourceId: string | null;

  @ApiProperty({ nullable: true, type: String })
  createdById: string | null;

  @ApiProperty()
  createdAt: Date;

  static from(entity: PlacementEntity): PlacementResponseDto {
    return {
      id: entity.id,
      caseId: entity.caseId,
      beneficiaryId: entity.beneficiaryId,
      companyId: entity.companyId,
      openingId: entity.openingId,
      contractType: entity.contractType,
      kind: entity.kind,
      extendsPlacementId: entity.extendsPlacementId,
      startsOn: entity.startsOn,
      hoursPerWeek: entity.hoursPerWeek,
      source: entity.source,
      sourceId: entity.sourceId,
      createdById: entity.createdById,
      createdAt: entity.createdAt,
    };
  }
}
