import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

const CUP = /^[A-Z0-9]{15}$/;

/**
 * A CUP (Codice Unico di Progetto), the code every publicly funded Italian project carries on its
 * payments: 15 letters and digits. It has no check character, so the format is all there is to check.
 */
export function isCup(value: unknown): value is string {
  return typeof value === 'string' && CUP.test(value);
}

export function normaliseCup(value: string): string {
  return value.trim().toUpperCase();
}

/** A CUP, case-insensitive on input and stored uppercase. */
export function IsCup(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseCup(value) : value)),
    ValidateBy({
      name: 'isCup',
      validator: {
        validate: isCup,
        defaultMessage: () => '$property must be a CUP (Codice Unico di Progetto): 15 letters and digits',
      },
    }),
    ApiProperty({
      type: String,
      minLength: 15,
      maxLength: 15,
      pattern: CUP.source,
      example: 'F31D23000140007',
      description: 'Codice Unico di Progetto (case-insensitive, stored uppercase)',
    }),
  );
}
