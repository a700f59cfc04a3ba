import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { createValidationPipe, type FieldProblem } from '#app/core';
import pkg from 'codice-fiscale-js';
import { programmeToday } from '#app/core';
import { CreateBeneficiaryDto } from './create-beneficiary.dto.js';
import { UpdateBeneficiaryDto } from './update-beneficiary.dto.js';

const { CodiceFiscale } = pkg as unknown as { CodiceFiscale: typeof pkg.default };

const fiscalCode = CodiceFiscale.compute({
  name: 'Mario',
  surname: 'Rossi',
  gender: 'M',
  day: 15,
  month: 3,
  year: 1985,
  birthplace: 'Bologna',
  birthplaceProvincia: 'BO',
});

const pipe = createValidationPipe();

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstName: 'Mario',
    lastName: 'Rossi',
    fiscalCode,
    birthDate: '1985-03-15',
    gender: 'M',
    email: 'mario.rossi@example.org',
    phone: '+39 051 123456',
    municipality: 'Bologna',
    citizenship: 'IT',
    educationLevel: 3,
    employmentStatus: 'long_term_unemployed',
    disability: false,
    vulnerabilities: ['single_parent'],
    skills: ['forklift'],
    languages: ['it'],
    referralSource: 'caritas',
    privacyConsentAt: '2026-01-10T09:00:00Z',
    ...overrides,
  };
}

async function validate<T>(metatype: new () => T, value: unknown): Promise<T> {
  return (await pipe.transform(value, { type: 'body', metatype })) as T;
}

/** The fields the pipe names in its 400, or [] when the body passes. */
async function invalidFields(
  value: unknown,
  metatype: new () => unknown = CreateBeneficiaryDto,
): Promise<string[]> {
  try {
    await validate(metatype, value);
    return [];
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const { details } = error.getResponse() as { details: FieldProblem[] };
    return details.map((detail) => detail.field);
  }
}

describe('CreateBeneficiaryDto', () => {
  it('accepts a complete registration and normalises the fiscal code and citizenship', async () => {
    const dto = await validate(
      CreateBeneficiaryDto,
      body({ fiscalCode: ` ${fiscalCode.toLowerCase()} `, citizenship: 'it', firstName: '  Mario ' }),
    );
    expect(dto.fiscalCode).toBe(fiscalCode);
    expect(dto.citizenship).toBe('IT');
    expect(dto.firstName).toBe('Mario');
  });

  it('accepts the minimum: names, fiscal code and consent', async () => {
    await expect(
      invalidFields({
        firstName: 'Mario',
        lastName: 'Rossi',
        fiscalCode,
        privacyConsentAt: '2026-01-10T09:00:00Z',
      }),
    ).resolves.toEqual([]);
  });

  it('refuses a registration without privacy consent', async () => {
    const withoutConsent = body();
    delete withoutConsent.privacyConsentAt;
    await expect(invalidFields(withoutConsent)).resolves.toEqual(['privacyConsentAt']);
    await expect(invalidFields(body({ privacyConsentAt: null }))).resolves.toEqual(['privacyConsentAt']);
  });

  it.each([
    ['a date without time', '2026-01-10'],
    ['a time without zone', '2026-01-10T09:00:00'],
    ['the far future', '2999-01-01T00:00:00Z'],
    ['not a date', 'yesterday'],
  ])('refuses a consent timestamp that is %s', async (_label, privacyConsentAt) => {
    await expect(invalidFields(body({ privacyConsentAt }))).resolves.toEqual(['privacyConsentAt']);
  });

  it('refuses an invalid fiscal code and says why', async () => {
    try {
      await validate(CreateBeneficiaryDto, body({ fiscalCode: `${fiscalCode.slice(0, 15)}A` }));
      throw new Error('expected a 400');
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      const { details } = (error as BadRequestException).getResponse() as { details: FieldProblem[] };
      expect(details).toEqual([
        { field: 'fiscalCode', problems: ['fiscalCode has a wrong check character'] },
      ]);
    }
  });

  it('refuses unknown fields, including read-only ones', async () => {
    await expect(invalidFields(body({ id: '6f1c2b9e-0000-4000-8000-000000000000' }))).resolves.toEqual([
      'id',
    ]);
    await expect(invalidFields(body({ version: 7 }))).resolves.toEqual(['version']);
    await expect(invalidFields(body({ createdById: 'x' }))).resolves.toEqual(['createdById']);
  });

  it.each([
    ['birthDate', 'not a date', 'not-a-date'],
    ['birthDate', 'a day that does not exist', '1985-02-30'],
    ['birthDate', 'before 1900', '1899-12-31'],
    ['gender', 'not F, M or X', 'Q'],
    ['email', 'not an address', 'not-an-email'],
    ['email', 'longer than 254', `${'x'.repeat(250)}@example.org`],
    ['phone', 'letters', 'call me'],
    ['citizenship', 'an unassigned code', 'XX'],
    ['citizenship', 'alpha-3', 'ITA'],
    ['educationLevel', 'above ISCED 8', 9],
    ['educationLevel', 'negative', -1],
    ['educationLevel', 'not an integer', 2.5],
    ['employmentStatus', 'unknown', 'retired'],
    ['disability', 'a string', 'yes'],
    ['disability', 'null (the column is NOT NULL)', null],
    ['vulnerabilities', 'repeated', ['migrant', 'migrant']],
    ['vulnerabilities', 'unknown', ['rich']],
    ['vulnerabilities', 'not an array', 'migrant'],
    ['skills', 'an empty item', ['']],
    ['skills', 'an item over 100 characters', ['x'.repeat(101)]],
    ['skills', 'over 50 items', Array.from({ length: 51 }, (_, index) => `skill ${index}`)],
    ['languages', 'a number item', [42]],
    ['referralSource', 'unknown', 'newspaper'],
    ['firstName', 'empty', ''],
    ['firstName', 'only spaces', '   '],
    ['firstName', 'over 100 characters', 'x'.repeat(101)],
    ['lastName', 'null', null],
    ['municipality', 'over 100 characters', 'x'.repeat(101)],
  ])('refuses %s that is %s', async (field, _label, value) => {
    await expect(invalidFields(body({ [field]: value }))).resolves.toEqual([field]);
  });

  it('refuses a birth date in the future (as the day is counted in Italy)', async () => {
    const tomorrow = new Date(Date.parse(`${programmeToday()}T12:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    await expect(invalidFields(body({ birthDate: tomorrow }))).resolves.toEqual(['birthDate']);
  });

  it('lets optional facts be null', async () => {
    await expect(
      invalidFields(
        body({ birthDate: null, gender: null, email: null, citizenship: null, educationLevel: null }),
      ),
    ).resolves.toEqual([]);
  });
});

describe('UpdateBeneficiaryDto', () => {
  it('accepts any subset of the fields', async () => {
    await expect(invalidFields({ phone: '051 987654' }, UpdateBeneficiaryDto)).resolves.toEqual([]);
    await expect(invalidFields({}, UpdateBeneficiaryDto)).resolves.toEqual([]);
  });

  it('clears an optional fact with null', async () => {
    const dto = await validate(UpdateBeneficiaryDto, { email: null, municipality: null });
    expect(dto).toEqual({ email: null, municipality: null });
  });

  it('refuses null for a required field instead of passing it to the database', async () => {
    for (const field of ['firstName', 'lastName', 'fiscalCode', 'privacyConsentAt', 'disability', 'skills']) {
      await expect(invalidFields({ [field]: null }, UpdateBeneficiaryDto)).resolves.toEqual([field]);
    }
  });

  it('keeps the rules of registration', async () => {
    await expect(
      invalidFields({ fiscalCode: 'RSSMRA85C15A944', educationLevel: 12 }, UpdateBeneficiaryDto),
    ).resolves.toEqual(['fiscalCode', 'educationLevel']);
    await expect(invalidFields({ status: 'erased' }, UpdateBeneficiaryDto)).resolves.toEqual(['status']);
  });
});
