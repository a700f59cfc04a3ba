export enum InternshipStatus {
  ACTIVE = 'active',
  COMPLETED = 'completed',
  INTERRUPTED = 'interrupted',
}

export type EndedInternshipStatus = InternshipStatus.COMPLETED | InternshipStatus.INTERRUPTED;

/** Injection token of the regional rules (EMILIA_ROMAGNA_INTERNSHIP_RULES unless a module provides others). */
export const INTERNSHIP_RULES = Symbol('INTERNSHIP_RULES');
