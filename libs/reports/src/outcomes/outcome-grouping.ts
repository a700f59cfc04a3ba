import { ReferralSource } from '#app/beneficiaries';

export enum OutcomeGroupBy {
  MONTH = 'month',
  COUNSELLOR = 'counsellor',
  TRACK = 'track',
  COMPANY = 'company',
  REFERRAL_SOURCE = 'referralSource',
}

/**
 * The route a case took (SPEC 1: training, internship, job search, self-employment). A case often follows
 * more than one; it is counted under the most intensive measure it received, in this order (docs/reports.md).
 */
export enum Track {
  SELF_EMPLOYMENT = 'self_employment',
  INTERNSHIP = 'internship',
  TRAINING = 'training',
  JOB_SEARCH = 'job_search',
  NONE = 'none',
}

export const TRACK_LABELS: Record<Track, string> = {
  [Track.SELF_EMPLOYMENT]: 'Self-employment',
  [Track.INTERNSHIP]: 'Internship',
  [Track.TRAINING]: 'Training',
  [Track.JOB_SEARCH]: 'Job search',
  [Track.NONE]: 'No path yet',
};

export const REFERRAL_SOURCE_LABELS: Record<ReferralSource, string> = {
  [ReferralSource.PARISH]: 'Parish',
  [ReferralSource.CARITAS]: 'Caritas',
  [ReferralSource.SOCIAL_SERVICES]: 'Social services',
  [ReferralSource.JOB_CENTRE]: 'Job centre',
  [ReferralSource.WEB]: 'Web',
  [ReferralSource.WORD_OF_MOUTH]: 'Word of mouth',
  [ReferralSource.OTHER]: 'Other',
};

/** Label of the group whose key is null: a person with no referral source, a contract with no company. */
export const NO_KEY_LABELS: Partial<Record<OutcomeGroupBy, string>> = {
  [OutcomeGroupBy.REFERRAL_SOURCE]: 'Not recorded',
  [OutcomeGroupBy.COMPANY]: 'No company (self-employment)',
};
