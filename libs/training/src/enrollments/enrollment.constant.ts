export enum EnrollmentStatus {
  ACTIVE = 'active',
  COMPLETED = 'completed',
  DROPPED = 'dropped',
}

/** The statuses that hold a seat: a completed course used its seat, a dropped one gave it back. */
export const SEAT_HOLDING_STATUSES = [EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED];

export type EndedEnrollmentStatus = EnrollmentStatus.COMPLETED | EnrollmentStatus.DROPPED;
