import { Role } from '#app/core';
import { UsersException, UsersExceptionCode } from './users.exception.js';

/**
 * A company account acts for exactly one company; every other role acts for none.
 * The check constraint chk_users_company_role holds the same rule in the database.
 */
export function assertCompanyRule(role: Role, companyId: string | null): void {
  if (role === Role.COMPANY && !companyId) {
    throw new UsersException(UsersExceptionCode.COMPANY_REQUIRED, 'A company user needs a companyId', {
      field: 'companyId',
    });
  }
  if (role !== Role.COMPANY && companyId) {
    throw new UsersException(UsersExceptionCode.COMPANY_FORBIDDEN, `A ${role} user cannot have a companyId`, {
      field: 'companyId',
    });
  }
}
