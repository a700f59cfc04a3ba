import type { FieldProblem } from '#app/core';

export enum BeneficiaryGender {
  FEMALE = 'F',
  MALE = 'M',
  /** Non-binary: allowed whatever the fiscal code encodes (the code only knows F and M). */
  NON_BINARY = 'X',
}

export enum EmploymentStatus {
  UNEMPLOYED = 'unemployed',
  LONG_TERM_UNEMPLOYED = 'long_term_unemployed',
  INACTIVE = 'inactive',
  EMPLOYED = 'employed',
}

export enum Vulnerability {
  MIGRANT = 'migrant',
  HOMELESS = 'homeless',
  SINGLE_PARENT = 'single_parent',
  OVER_INDEBTED = 'over_indebted',
  EX_OFFENDER = 'ex_offender',
  OTHER = 'other',
}

export enum ReferralSource {
  PARISH = 'parish',
  CARITAS = 'caritas',
  SOCIAL_SERVICES = 'social_services',
  JOB_CENTRE = 'job_centre',
  WEB = 'web',
  WORD_OF_MOUTH = 'word_of_mouth',
  OTHER = 'other',
}

/** ISCED 2011 levels: 0 early childhood ... 8 doctoral. */
export const MIN_EDUCATION_LEVEL = 0;
export const MAX_EDUCATION_LEVEL = 8;

export const BENEFICIARY_ENTITY_TYPE = 'beneficiary';

/** The reason given for a fiscal code that another record holds, by registration and import alike. */
export const FISCAL_CODE_TAKEN: FieldProblem = { field: 'fiscalCode', problems: ['is already registered'] };
