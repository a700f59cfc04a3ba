import { CaseState } from '#app/cases';
import type { ProposalStatus } from './proposal.constant.js';

/**
 * When the candidate could start, as a company may know it: derived from the case state alone, so
 * no reason (training, health, family) is revealed.
 */
export enum Availability {
  IMMEDIATE = 'immediate',
  /** In a course, an internship or starting a business: free once that ends. */
  AFTER_CURRENT_ACTIVITY = 'after_current_activity',
  /** Placed, paused or closed. */
  NOT_AVAILABLE = 'not_available',
}

export function availabilityOf(state: CaseState): Availability {
  switch (state) {
    case CaseState.INTAKE:
    case CaseState.ORIENTATION:
    case CaseState.JOB_SEARCH:
      return Availability.IMMEDIATE;
    case CaseState.TRAINING:
    case CaseState.INTERNSHIP:
    case CaseState.SELF_EMPLOYMENT:
      return Availability.AFTER_CURRENT_ACTIVITY;
    case CaseState.PLACED:
    case CaseState.ON_HOLD:
    case CaseState.CLOSED:
      return Availability.NOT_AVAILABLE;
  }
}

/** "Rossi" -> "R.", "de Luca" -> "D.": the first letter only, whatever the script. */
export function lastNameInitial(lastName: string): string {
  const [first] = Array.from(lastName.trim());
  return first ? `${first.toLocaleUpperCase('it-IT')}.` : '';
}

/**
 * What the candidate-view query reads for one proposal. The query selects only these columns, so
 * the personal record never reaches the company's code path; the beneficiary id is kept for the
 * audit log and never returned.
 */
export interface CandidateRow {
  proposalId: string;
  status: ProposalStatus;
  note: string;
  feedback: string | null;
  beneficiaryId: string;
  firstName: string;
  lastName: string;
  educationLevel: number | null;
  skills: string[];
  languages: string[];
  caseStatus: CaseState;
}
