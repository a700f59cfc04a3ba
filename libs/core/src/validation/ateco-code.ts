import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';

/** ATECO 2007/2025 activity codes (ISTAT) in numeric dotted form: 62, 62.0, 62.01, 47.11.1, 47.11.10. */
export const ATECO_CODE = /^\d{2}(\.\d{1,2}|\.\d{2}\.\d{1,2})?$/;

/** An ATECO activity code, for Board companies and for businesses started with a grant. */
export function IsAtecoCode(options?: { optional?: boolean; description?: string }): PropertyDecorator {
  return applyDecorators(
    ...(options?.optional ? [IsOptional()] : []),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    Matches(ATECO_CODE, {
      message: '$property must be an ATECO code such as 62, 62.01, 47.11.1 or 47.11.10',
    }),
    ApiProperty({
      type: String,
      example: '47.11.10',
      required: !options?.optional,
      description: options?.description ?? 'ATECO 2007/2025 code: NN, NN.N, NN.NN, NN.NN.N or NN.NN.NN',
    }),
  );
}
