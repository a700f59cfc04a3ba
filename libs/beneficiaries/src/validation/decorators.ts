import { IsIsoDate, programmeToday } from '#app/core';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsISO31661Alpha2,
  IsOptional,
  Matches,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import {
  describeFiscalCodeProblem,
  isFiscalCode,
  normaliseFiscalCode,
  parseFiscalCode,
} from './fiscal-code.js';

const EARLIEST_BIRTH_DATE = '1900-01-01';
/** Clocks of clients and server differ a little; a consent "from the future" within this is accepted. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function uppercase({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? normaliseFiscalCode(value) : value;
}

/**
 * The property may be left out but not set to null: for columns that are NOT NULL, where
 * IsOptional would let a null through to the database.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** An Italian codice fiscale: format, omocodia, check character and an encoded date that exists. */
export function IsFiscalCode(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(uppercase),
    ValidateBy(
      {
        name: 'isFiscalCode',
        validator: {
          validate: isFiscalCode,
          defaultMessage: (args) => {
            const parsed = typeof args?.value === 'string' ? parseFiscalCode(args.value) : undefined;
            return parsed && !parsed.ok
              ? `$property ${describeFiscalCodeProblem(parsed.problem)}`
              : '$property must be an Italian fiscal code';
          },
        },
      },
      options,
    ),
    ApiProperty({
      type: String,
      minLength: 16,
      maxLength: 16,
      example: 'RSSMRA85C15A944F',
      description: 'Italian codice fiscale (case-insensitive, stored uppercase; omocodic codes accepted)',
    }),
  );
}

/** A birth date: a real calendar day, not in the future, not before 1900. */
export function IsBirthDate(options?: { optional?: boolean }): PropertyDecorator {
  return applyDecorators(
    IsIsoDate({ optional: options?.optional, description: 'YYYY-MM-DD; must agree with the fiscal code' }),
    ValidateBy({
      name: 'isPastBirthDate',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value >= EARLIEST_BIRTH_DATE && value <= programmeToday(),
        defaultMessage: () => `$property must be between ${EARLIEST_BIRTH_DATE} and today`,
      },
    }),
  );
}

/** An instant with its offset (`2026-03-01T09:30:00Z`), not in the future. */
export function IsPastInstant(options?: { description?: string }): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name: 'isPastInstant',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !INSTANT.test(value)) return false;
          const time = Date.parse(value);
          return !Number.isNaN(time) && time <= Date.now() + CLOCK_SKEW_MS;
        },
        defaultMessage: () =>
          '$property must be an ISO 8601 timestamp with a time zone (e.g. 2026-03-01T09:30:00Z), not in the future',
      },
    }),
    ApiProperty({ type: String, format: 'date-time', description: options?.description }),
  );
}

/** ISO 3166-1 alpha-2 (two letters, normalised to uppercase), and a code that is assigned. */
export function IsCountryCode(options?: { optional?: boolean; description?: string }): PropertyDecorator {
  return applyDecorators(
    ...(options?.optional ? [IsOptional()] : []),
    Transform(uppercase),
    Matches(/^[A-Z]{2}$/, { message: '$property must be two letters (ISO 3166-1 alpha-2)' }),
    IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code' }),
    ApiProperty({
      type: String,
      minLength: 2,
      maxLength: 2,
      example: 'IT',
      required: !options?.optional,
      nullable: options?.optional,
      description: options?.description,
    }),
  );
}
