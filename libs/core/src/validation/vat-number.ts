import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy, type ValidationOptions } from 'class-validator';

const VAT_NUMBER = /^\d{11}$/;

/**
 * The check digit of an Italian partita IVA for its first ten digits (DM 23/12/1976): digits in odd
 * positions are added as they are, digits in even positions are doubled (minus 9 above 9), and the
 * check digit brings the total to a multiple of ten. Exported so fixtures and seeds can build valid numbers.
 */
export function vatNumberCheckDigit(firstTen: string): number {
  if (!/^\d{10}$/.test(firstTen)) throw new RangeError('A partita IVA check digit needs exactly 10 digits');
  let sum = 0;
  for (let index = 0; index < 10; index++) {
    const digit = Number(firstTen[index]);
    if (index % 2 === 0) {
      sum += digit;
    } else {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/** An Italian partita IVA: 11 digits whose last is the check digit; all zeros is not a number anyone holds. */
export function isValidVatNumber(value: unknown): value is string {
  if (typeof value !== 'string' || !VAT_NUMBER.test(value) || value === '00000000000') return false;
  return vatNumberCheckDigit(value.slice(0, 10)) === Number(value[10]);
}

/** A partita IVA (surrounding spaces trimmed); 400 on a wrong format or check digit. */
export function IsVatNumber(
  options?: ValidationOptions & { optional?: boolean; description?: string },
): PropertyDecorator {
  const { optional, description, ...validation } = options ?? {};
  return applyDecorators(
    ...(optional ? [IsOptional()] : []),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    ValidateBy(
      {
        name: 'isVatNumber',
        validator: {
          validate: isValidVatNumber,
          defaultMessage: () =>
            '$property must be an Italian VAT number (partita IVA): 11 digits with a valid check digit',
        },
      },
      validation,
    ),
    ApiProperty({
      type: String,
      pattern: VAT_NUMBER.source,
      example: '00159560366',
      required: !optional,
      description: description ?? 'Italian partita IVA: 11 digits, the last a check digit',
    }),
  );
}
