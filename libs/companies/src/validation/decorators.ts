import { applyDecorators } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { IsIsoDate, programmeToday } from '#app/core';

/** A calendar day (`YYYY-MM-DD`) that is today or later, in Italy. */
export function IsTodayOrLater(options?: { description?: string }): PropertyDecorator {
  return applyDecorators(
    IsIsoDate({ description: options?.description }),
    ValidateBy({
      name: 'isTodayOrLater',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value >= programmeToday(),
        defaultMessage: () => '$property must not be in the past',
      },
    }),
  );
}
