import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class CreateEnrollmentDto {
  @ApiProperty({ format: 'uuid', description: 'The case taking a seat; it must be visible to the caller' })
  @IsUUID()
  caseId: string;
}
