import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsUUID } from 'class-validator';
import { IsText } from '#app/core';

export class CreateProposalDto {
  @ApiProperty({ format: 'uuid', description: 'A case the caller may see' })
  @IsUUID()
  caseId: string;

  @IsText(4000, {
    description: "The counsellor's presentation of the candidate; the company reads it, so no personal data",
  })
  @IsNotEmpty()
  note: string;
}
