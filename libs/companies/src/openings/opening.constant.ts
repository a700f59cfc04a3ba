/** The employment contracts an opening may offer (self-employment is never an opening). */
export enum OpeningContractType {
  PERMANENT = 'permanent',
  FIXED_TERM = 'fixed_term',
  APPRENTICESHIP = 'apprenticeship',
  TEMPORARY_AGENCY = 'temporary_agency',
  OTHER = 'other',
}

/** `filled` is set by the service when hires reach the positions; callers only open or close. */
export enum OpeningStatus {
  OPEN = 'open',
  CLOSED = 'closed',
  FILLED = 'filled',
}

export type SettableOpeningStatus = OpeningStatus.OPEN | OpeningStatus.CLOSED;

/** Skills are matched case-insensitively by storing them lower-cased (GIN index on the array). */
export function normaliseSkills(skills: readonly string[]): string[] {
  return [...new Set(skills.map((skill) => skill.trim().toLowerCase()).filter((skill) => skill !== ''))];
}
