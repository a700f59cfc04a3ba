import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ReassignCaseDto {
  @ApiProperty({ format: 'uuid', description: 'The counsellor who takes the case over' })
  @IsUUID()
  counsellorId: string;
}
