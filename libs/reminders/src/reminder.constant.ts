export enum ReminderKind {
  FOLLOW_UP_DUE = 'follow_up_due',
  FOLLOW_UP_OVERDUE = 'follow_up_overdue',
  CASE_INACTIVE = 'case_inactive',
  INTERNSHIP_ENDING = 'internship_ending',
}

/** A week's notice leaves time to reach a person who has been working for months. */
export const FOLLOW_UP_HORIZON_DAYS = 7;

/** Two weeks' notice leaves time to talk to the host about a hire before the internship ends. */
export const INTERNSHIP_HORIZON_DAYS = 14;
