export enum ContractType {
  PERMANENT = 'permanent',
  FIXED_TERM = 'fixed_term',
  APPRENTICESHIP = 'apprenticeship',
  TEMPORARY_AGENCY = 'temporary_agency',
  OTHER = 'other',
  SELF_EMPLOYMENT = 'self_employment',
}

/** The contracts a counsellor records directly; self-employment comes only from a grant's business start. */
export const EMPLOYMENT_CONTRACT_TYPES = Object.values(ContractType).filter(
  (type) => type !== ContractType.SELF_EMPLOYMENT,
);

export enum PlacementKind {
  NEW = 'new',
  EXTENSION = 'extension',
  CONVERSION = 'conversion',
}

/** Where a placement was recorded from: the placements endpoint, a hired proposal, a started business. */
export enum PlacementSource {
  DIRECT = 'direct',
  PROPOSAL = 'proposal',
  GRANT = 'grant',
}

export const MAX_HOURS_PER_WEEK = 60;
