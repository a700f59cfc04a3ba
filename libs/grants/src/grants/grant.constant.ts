export enum GrantStatus {
  DRAFT = 'draft',
  SUBMITTED = 'submitted',
  APPROVED = 'approved',
  REJECTED = 'rejected',
}

/** An ATECO activity code at division, group, class, category or subcategory level (62, 62.0, 62.01, 62.01.00). */
export const ATECO_CODE = /^\d{2}(\.\d{1,2}|\.\d{2}\.\d{1,2})?$/;
