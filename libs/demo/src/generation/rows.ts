import type { CaseEventType } from '#app/cases';

/**
 * Rows as the tables hold them (snake_case keys, ISO instants, YYYY-MM-DD dates), so the writer can
 * hand them to PostgreSQL as JSON without a mapping layer. Columns left out take their defaults.
 */
export type IsoInstant = string;
export type IsoDate = string;

export interface StaffRef {
  id: string;
  fullName: string;
}

export interface CompanyRow {
  id: string;
  name: string;
  vat_number: string;
  ateco_code: string;
  municipality: string;
  employees: number;
  board_member_since: IsoDate;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface FundingLineRow {
  id: string;
  code: string;
  name: string;
  fund: string;
  cup: string;
  programmed_cents: number;
  committed_cents: number;
  disbursed_cents: number;
  created_by_id: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface CourseRow {
  id: string;
  title: string;
  provider: string;
  hours: number;
  starts_on: IsoDate;
  ends_on: IsoDate;
  capacity: number;
  created_by_id: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface BeneficiaryRow {
  id: string;
  first_name: string;
  last_name: string;
  fiscal_code: string;
  birth_date: IsoDate;
  gender: 'F' | 'M' | 'X';
  email: string | null;
  phone: string | null;
  municipality: string;
  citizenship: string;
  education_level: number;
  employment_status: 'unemployed' | 'long_term_unemployed' | 'inactive' | 'employed';
  disability: boolean;
  vulnerabilities: string[];
  skills: string[];
  languages: string[];
  referral_source: string;
  privacy_consent_at: IsoInstant;
  created_by_id: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

/** Every case starts in `intake` (the column default): the engine moves it by applying its events. */
export interface CaseRow {
  id: string;
  beneficiary_id: string;
  counsellor_id: string;
  opened_at: IsoInstant;
  last_activity_at: IsoInstant;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface InterviewRow {
  id: string;
  case_id: string;
  scheduled_at: IsoInstant;
  held_at: IsoInstant | null;
  triage: string | null;
  notes: string | null;
  skills: string[];
  action_plan: string | null;
  created_by_id: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface OpeningRow {
  id: string;
  company_id: string;
  title: string;
  description: string;
  positions: number;
  hires: number;
  contract_type: string;
  municipality: string;
  closes_on: IsoDate;
  skills: string[];
  status: 'open' | 'closed' | 'filled';
  created_by_id: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface ProposalRow {
  id: string;
  opening_id: string;
  case_id: string;
  note: string;
  status: 'proposed' | 'interviewing' | 'hired' | 'rejected';
  feedback: string | null;
  placement_id: string | null;
  proposed_by_id: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface EnrollmentRow {
  id: string;
  course_id: string;
  case_id: string;
  status: 'active' | 'completed' | 'dropped';
  qualification: string | null;
  enrolled_at: IsoInstant;
  ended_at: IsoInstant | null;
  created_by_id: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface InternshipRow {
  id: string;
  case_id: string;
  company_id: string;
  opening_id: string | null;
  starts_on: IsoDate;
  ends_on: IsoDate;
  monthly_allowance_cents: number;
  tutor_name: string;
  status: 'active' | 'completed' | 'interrupted';
  outcome: string | null;
  ended_at: IsoInstant | null;
  created_by_id: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface PlacementRow {
  id: string;
  case_id: string;
  beneficiary_id: string;
  company_id: string | null;
  opening_id: string | null;
  contract_type: string;
  kind: 'new' | 'extension' | 'conversion';
  extends_placement_id: string | null;
  starts_on: IsoDate;
  hours_per_week: number | null;
  source: 'direct' | 'proposal' | 'grant';
  source_id: string | null;
  created_by_id: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface FollowUpRow {
  id: string;
  placement_id: string;
  case_id: string;
  months_after: number;
  due_on: IsoDate;
  recorded_at: IsoInstant | null;
  employed: boolean | null;
  notes: string | null;
  recorded_by_id: string | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface GrantRow {
  id: string;
  case_id: string;
  funding_line_id: string;
  business_name: string;
  ateco_code: string;
  plan_summary: string;
  requested_cents: number;
  approved_cents: number | null;
  disbursed_cents: number;
  status: 'draft' | 'submitted' | 'approved' | 'rejected';
  submitted_at: IsoInstant | null;
  decided_at: IsoInstant | null;
  decided_by_id: string | null;
  rejection_reason: string | null;
  business_started_on: IsoDate | null;
  vat_number: string | null;
  placement_id: string | null;
  created_by_id: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface DisbursementRow {
  id: string;
  grant_id: string;
  amount_cents: number;
  paid_on: IsoDate;
  recorded_by_id: string;
  created_at: IsoInstant;
}

/** An outbox row; `ord` is its place in the history, from which PostgreSQL numbers the sequence. */
export interface CaseEventRow {
  id: string;
  case_id: string;
  type: CaseEventType;
  payload: Record<string, unknown>;
  actor_id: string;
  occurred_at: IsoInstant;
  ord: number;
}
