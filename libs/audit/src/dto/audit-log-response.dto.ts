import { Role } from '#app/core';
import { ApiProperty } from '@nestjs/swagger';
import { AuditAction, type AuditDetails, type AuditLog } from '../audit-log.entity.js';

export class AuditLogResponseDto {
  @ApiProperty({ description: 'Sequence number of the row (a string: it may exceed 2^53)' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null when the system acted' })
  actorId: string | null;

  @ApiProperty({ enum: Role, enumName: 'Role', nullable: true })
  actorRole: Role | null;

  @ApiProperty({ enum: AuditAction, enumName: 'AuditAction' })
  action: AuditAction;

  @ApiProperty({ example: 'beneficiary' })
  entityType: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  entityId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  beneficiaryId: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What was done, never personal values (e.g. the names of changed fields)',
  })
  details: AuditDetails;

  @ApiProperty({ type: String, nullable: true })
  requestId: string | null;

  static from(entry: AuditLog): AuditLogResponseDto {
    const dto = new AuditLogResponseDto();
    dto.id = entry.id;
    dto.at = entry.at.toISOString();
    dto.actorId = entry.actorId;
    dto.actorRole = entry.actorRole;
    dto.action = entry.action;
    dto.entityType = entry.entityType;
    dto.entityId = entry.entityId;
    dto.beneficiaryId = entry.beneficiaryId;
    dto.details = entry.details;
    dto.requestId = entry.requestId;
    return dto;
  }
}
