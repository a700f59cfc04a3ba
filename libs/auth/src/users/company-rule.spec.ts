import { describe, expect, it } from '@jest/globals';
import { Role } from '#app/core';
import { assertCompanyRule } from './company-rule.js';
import { UsersException, UsersExceptionCode } from './users.exception.js';

const COMPANY_ID = '6f1c1d0e-3c1a-4f7e-9a51-0d6a4f3b2c10';
const OTHER_ROLES = [Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR];

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(UsersException);
    return (error as UsersException).code;
  }
}

describe('assertCompanyRule', () => {
  it('accepts a company user with a company', () => {
    expect(codeOf(() => assertCompanyRule(Role.COMPANY, COMPANY_ID))).toBeUndefined();
  });

  it('refuses a company user without a company', () => {
    expect(codeOf(() => assertCompanyRule(Role.COMPANY, null))).toBe(UsersExceptionCode.COMPANY_REQUIRED);
  });

  it.each(OTHER_ROLES)('accepts a %s without a company', (role) => {
    expect(codeOf(() => assertCompanyRule(role, null))).toBeUndefined();
  });

  it.each(OTHER_ROLES)('refuses a %s with a company', (role) => {
    expect(codeOf(() => assertCompanyRule(role, COMPANY_ID))).toBe(UsersExceptionCode.COMPANY_FORBIDDEN);
  });
});
