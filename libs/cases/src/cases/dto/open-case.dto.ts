import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class OpenCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  beneficiaryId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Defaults to the calling counsellor; coordinators must name one',
  })
  @IsOptional()
  @IsUUID()
  counsellorId?: string;
}
