import { ApiProperty } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'fiscalCode', description: 'The field (column), or `row` for the row itself' })
  field: string;

  @ApiProperty({ type: [String], example: ['fiscalCode has a wrong check character'] })
  problems: string[];
}

export class RejectedRowDto {
  @ApiProperty({ example: 7, description: 'Line of the file where the row starts; the header is line 1' })
  line: number;

  @ApiProperty({ type: [FieldProblemDto] })
  reasons: FieldProblemDto[];
}

export class ImportResultDto {
  @ApiProperty({ example: 9998, description: 'People registered by this import' })
  created: number;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Their ids, in the order of the file' })
  createdIds: string[];

  @ApiProperty({
    type: [RejectedRowDto],
    description: 'Rows not imported, by line; nothing of them is stored',
  })
  rejected: RejectedRowDto[];
}
