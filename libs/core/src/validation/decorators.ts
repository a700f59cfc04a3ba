import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar day, `YYYY-MM-DD`, that exists (no 2023-02-30). */
export function IsIsoDate(
  options?: ValidationOptions & { optional?: boolean; description?: string },
): PropertyDecorator {
  return applyDecorators(
    ...(options?.optional ? [IsOptional()] : []),
    ValidateBy(
      {
        name: 'isIsoDate',
        validator: {
          validate: isIsoDate,
          defaultMessage: () => '$property must be a calendar date YYYY-MM-DD',
        },
      },
      options,
    ),
    ApiProperty({
      type: String,
      format: 'date',
      example: '2026-03-01',
      required: !options?.optional,
      description: options?.description,
    }),
  );
}

/** Euros as a JSON number with at most two decimals, strictly positive (SPEC: money is exact). */
export function IsMoney(options?: {
  optional?: boolean;
  description?: string;
  allowZero?: boolean;
}): PropertyDecorator {
  return applyDecorators(
    ...(options?.optional ? [IsOptional()] : []),
    IsNumber(
      { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
      { message: '$property must be an amount in euros with at most two decimals' },
    ),
    Min(options?.allowZero ? 0 : 0.01, {
      message: options?.allowZero ? '$property must not be negative' : '$property must be greater than 0',
    }),
    ValidateBy({
      name: 'isMoneyInRange',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && value <= 1_000_000_000,
        defaultMessage: () => '$property is too large',
      },
    }),
    ApiProperty({
      type: Number,
      example: 450,
      required: !options?.optional,
      description: options?.description ?? 'Euros, at most two decimals',
    }),
  );
}

/** A trimmed, bounded free-text field. */
export function IsText(
  maxLength: number,
  options?: ApiPropertyOptions & { optional?: boolean; pattern?: RegExp },
): PropertyDecorator {
  const { optional, pattern, ...api } = options ?? {};
  return applyDecorators(
    ...(optional ? [IsOptional()] : []),
    IsString(),
    MaxLength(maxLength),
    ...(pattern ? [Matches(pattern)] : []),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    ApiProperty({ type: String, maxLength, required: !optional, ...api } as ApiPropertyOptions),
  );
}
