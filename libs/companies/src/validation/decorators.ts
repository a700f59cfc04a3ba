import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { todayInItaly } from '#app/beneficiaries';
import { IsIsoDate } from '#app/core';
import { isValidVatNumber } from './vat-number.js';

/** ATECO 2007/2025 activity codes in their numeric dotted form: 62, 62.0, 62.01, 47.11.1, 47.11.10. */
export const ATECO_CODE = /^\d{2}(\.\d{1,2}|\.\d{2}\.\d{1,2})?$/;

function trim({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/** An Italian partita IVA: eleven digits with a valid check digit. */
export function IsVatNumber(options?: ValidationOptions & { optional?: boolean }): PropertyDecorator {
  return applyDecorators(
    ...(options?.optional ? [IsOptional()] : []),
    Transform(trim),
    ValidateBy(
      {
        name: 'isVatNumber',
        validator: {
          validate: isValidVatNumber,
          defaultMessage: () =>
            '$property must be an Italian VAT number (11 digits with a valid check digit)',
        },
      },
      options,
    ),
    ApiProperty({
      type: String,
      pattern: '^[0-9]{11}$',
      example: '00743110157',
      required: !options?.optional,
      description: 'Partita IVA: 11 digits, the last one a check digit',
    }),
  );
}

/** An ATECO activity code (ISTAT classification) in numeric dotted form. */
export function IsAtecoCode(options?: { optional?: boolean }): PropertyDecorator {
  return applyDecorators(
    ...(options?.optional ? [IsOptional()] : []),
    Transform(trim),
    Matches(ATECO_CODE, {
      message: '$property must be an ATECO code such as 62, 62.01, 47.11.1 or 47.11.10',
    }),
    ApiProperty({
      type: String,
      example: '47.11.10',
      required: !options?.optional,
      description: 'ATECO 2007/2025 code: NN, NN.N, NN.NN, NN.NN.N or NN.NN.NN',
    }),
  );
}

/** A calendar day (`YYYY-MM-DD`) that is today or later, in Italy. */
export function IsTodayOrLater(options?: { description?: string }): PropertyDecorator {
  return applyDecorators(
    IsIsoDate({ description: options?.description }),
    ValidateBy({
      name: 'isTodayOrLater',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value >= todayInItaly(),
        defaultMessage: () => '$property must not be in the past',
      },
    }),
  );
}
