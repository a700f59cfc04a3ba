import {
  applyMove,
  CaseEventType,
  type CaseSnapshot,
  CaseState,
  ManualCloseReason,
  nextMove,
  toWorkflowEvent,
  Triage,
} from '#app/cases';
import {
  checkHostQuota,
  checkTerms,
  type DateRange,
  EMILIA_ROMAGNA_INTERNSHIP_RULES,
  lastDayAfterMonths,
  PersonCategory,
  personCategory,
} from '#app/internships';
import { addMonths } from '#app/placements';
import { type Day, dayOf, instant, isoInstant, isoOf, workday } from './calendar.js';
import {
  ACTION_PLANS,
  BUSINESS_IDEAS,
  FOLLOW_UP_NOTES,
  GRANT_REJECTION_REASONS,
  HIRE_FEEDBACK,
  HOLD_REASONS,
  INTERNSHIP_OUTCOMES,
  INTERVIEW_NOTES,
  OUT_OF_TARGET_NOTES,
  PROPOSAL_NOTES,
  REJECTION_FEEDBACK,
} from './catalogue/texts.constant.js';
import type { ContractChoice } from './catalogue/sectors.constant.js';
import type { Company, VatNumbers } from './companies.js';
import type { CourseCalendar } from './courses.js';
import type { Opening, OpeningBoard } from './openings.js';
import type { Person } from './people.js';
import type { DemoRandom } from './random.js';
import type {
  CaseRow,
  DisbursementRow,
  EnrollmentRow,
  FollowUpRow,
  FundingLineRow,
  GrantRow,
  InternshipRow,
  InterviewRow,
  PlacementRow,
  ProposalRow,
  StaffRef,
} from './rows.js';

const MINUTE = 60_000;
const OFFICE_OPENS = 8 * 60;
const OFFICE_CLOSES = 16 * 60;
/** Follow-ups recorded in the end, by months after the contract; recent ones may still be waiting. */
const FOLLOW_UP_RECORDED: Record<number, number> = { 3: 0.96, 6: 0.94, 12: 0.92 };
const FOLLOW_UP_RECENTLY_DUE = { days: 90, recorded: 0.75 };
const RENEWAL_CHANCE: Partial<Record<string, number>> = {
  fixed_term: 0.88,
  temporary_agency: 0.86,
  other: 0.6,
};
const CONVERSION_CHANCE = 0.2;
/** Contract lengths in months; absent types run open-ended (permanent, apprenticeship, a business). */
const CONTRACT_MONTHS: Partial<Record<string, ReadonlyArray<readonly [number, number]>>> = {
  fixed_term: [
    [2, 15],
    [3, 35],
    [6, 35],
    [12, 15],
  ],
  temporary_agency: [
    [1, 25],
    [2, 25],
    [3, 30],
    [6, 20],
  ],
  other: [
    [3, 30],
    [6, 50],
    [12, 20],
  ],
};
const INTERNSHIP_MONTHS: Record<PersonCategory, ReadonlyArray<readonly [number, number]>> = {
  [PersonCategory.STANDARD]: [
    [2, 10],
    [3, 35],
    [4, 15],
    [6, 40],
  ],
  [PersonCategory.DISADVANTAGED]: [
    [3, 30],
    [4, 15],
    [6, 45],
    [9, 5],
    [12, 5],
  ],
  [PersonCategory.DISABILITY]: [
    [3, 20],
    [6, 50],
    [9, 15],
    [12, 15],
  ],
};
const HOURS_PER_WEEK: ReadonlyArray<readonly [number, number]> = [
  [20, 15],
  [24, 15],
  [25, 5],
  [30, 20],
  [36, 10],
  [38, 10],
  [40, 25],
];

/** A recorded event, before it gets its place in the whole history. */
export interface JourneyEvent {
  id: string;
  case_id: string;
  type: CaseEventType;
  payload: Record<string, unknown>;
  actor_id: string;
  at: number;
}

/**
 * The events of one case, in order, checked against the real state machine as they are written, so
 * the generator always knows the state the engine will reach (and never writes a move the API would
 * refuse). Instants only move forward: an event asked for earlier than the previous one is put a
 * minute after it.
 */
export class CaseJourney {
  readonly events: JourneyEvent[] = [];
  private snapshot: CaseSnapshot = { state: CaseState.INTAKE, stateBeforeHold: null };
  private last = 0;

  constructor(
    readonly caseId: string,
    private readonly random: DemoRandom,
  ) {}

  get state(): CaseState {
    return this.snapshot.state;
  }

  record(type: CaseEventType, at: number, payload: Record<string, unknown>, actorId: string): number {
    const when = Math.max(at, this.last + MINUTE);
    const move = nextMove(this.snapshot, toWorkflowEvent(type, payload));
    if (move) this.snapshot = applyMove(this.snapshot, move);
    this.last = when;
    this.events.push({
      id: this.random.uuid(),
      case_id: this.caseId,
      type,
      payload,
      actor_id: actorId,
      at: when,
    });
    return when;
  }
}

/** Rows the journeys write besides the events. */
export class JourneyRows {
  readonly interviews: InterviewRow[] = [];
  readonly proposals: ProposalRow[] = [];
  readonly enrollments: EnrollmentRow[] = [];
  readonly internships: InternshipRow[] = [];
  readonly placements: PlacementRow[] = [];
  readonly followUps: FollowUpRow[] = [];
  readonly grants: GrantRow[] = [];
  readonly disbursements: DisbursementRow[] = [];
}

export interface JourneyContext {
  random: DemoRandom;
  asOf: Day;
  /** Nothing happens after this instant (the end of the history's last office day). */
  horizon: number;
  companies: readonly Company[];
  board: OpeningBoard;
  courses: CourseCalendar;
  vatNumbers: VatNumbers;
  fundingLine: FundingLineRow;
  coordinator: StaffRef;
  rows: JourneyRows;
  /** Host companies' internships so far, for the regional quota. */
  internshipsByCompany: Map<string, DateRange[]>;
}

type Route = 'training' | 'internship' | 'search' | 'grant';

/** Where a path left the case: placed, still under way when the history ends, or to go on from a day. */
type Step =
  { kind: 'placed' } | { kind: 'stopped' } | { kind: 'continue'; day: Day } | { kind: 'gave_up'; day: Day };

const STOPPED: Step = { kind: 'stopped' };
const PLACED: Step = { kind: 'placed' };

/** Something due at an instant; run in time order with the other things of the case. */
interface Action {
  at: number;
  run: () => void;
}

interface NewPlacement {
  at: number;
  companyId: string | null;
  openingId: string | null;
  contract: string;
  source: PlacementRow['source'];
  sourceId: string | null;
  starts: Day;
  id?: string;
}

/** The chance that a person finds work through the programme: lower for the oldest and for disability. */
function placementChance(person: Person): number {
  let chance = 0.32;
  if (person.ageAtEntry >= 55) chance *= 0.7;
  if (person.row.disability) chance *= 0.75;
  if (person.row.education_level >= 3) chance *= 1.1;
  if (person.row.employment_status === 'inactive') chance *= 0.8;
  return chance;
}

/**
 * One person's path through the programme, from intake to the last follow-up: interview and triage,
 * then training, an internship, job search with proposals to Board openings, or a self-employment
 * grant; a placement and its renewals; or dropping out. Every step stops at the end of the history.
 */
export class CaseRun {
  readonly journey: CaseJourney;
  private readonly willBePlaced: boolean;

  constructor(
    private readonly ctx: JourneyContext,
    private readonly person: Person,
    private readonly caseRow: CaseRow,
  ) {
    this.journey = new CaseJourney(caseRow.id, ctx.random);
    this.willBePlaced = ctx.random.chance(placementChance(person));
  }

  private get random(): DemoRandom {
    return this.ctx.random;
  }

  private get counsellorId(): string {
    return this.caseRow.counsellor_id;
  }

  /** An instant in office hours on the day (or the Monday after a weekend). */
  private at(day: Day): number {
    return instant(workday(day), this.random.int(OFFICE_OPENS, OFFICE_CLOSES));
  }

  private within(at: number): boolean {
    return at <= this.ctx.horizon;
  }

  run(entry: Day, openedAt: number): void {
    this.journey.record(
      CaseEventType.CASE_OPENED,
      openedAt,
      { beneficiaryId: this.person.row.id },
      this.counsellorId,
    );
    const interviewDay = workday(entry + this.random.int(3, 16));
    // A case opened in the last days may have no interview booked yet.
    if (interviewDay > this.ctx.asOf && this.random.chance(0.4)) return;
    const booked = isoInstant(openedAt + 15 * MINUTE);
    const interview: InterviewRow = {
      id: this.random.uuid(),
      case_id: this.caseRow.id,
      scheduled_at: isoInstant(this.at(interviewDay)),
      held_at: null,
      triage: null,
      notes: null,
      skills: [],
      action_plan: null,
      created_by_id: this.counsellorId,
      created_at: booked,
      updated_at: booked,
    };
    this.ctx.rows.interviews.push(interview);
    const scheduledAt = Date.parse(interview.scheduled_at);
    if (!this.within(scheduledAt)) return;
    if (this.random.chance(0.06)) {
      // Never came: the counsellor closes the case after trying for a few weeks.
      this.close(interviewDay + this.random.int(20, 60), ManualCloseReason.DROPPED_OUT);
      return;
    }
    const rescheduled = this.random.chance(0.12);
    const heldDay = rescheduled ? workday(interviewDay + this.random.int(5, 15)) : interviewDay;
    const wantedAt = rescheduled ? this.at(heldDay) : scheduledAt;
    if (!this.within(wantedAt)) return;
    const triage = this.triage();
    const heldAt = this.journey.record(
      CaseEventType.INTERVIEW_HELD,
      wantedAt,
      { interviewId: interview.id, triage },
      this.counsellorId,
    );
    Object.assign(interview, {
      held_at: isoInstant(heldAt),
      triage,
      notes: this.random.pick(triage === Triage.OUT_OF_TARGET ? OUT_OF_TARGET_NOTES : INTERVIEW_NOTES),
      skills: this.person.row.skills.slice(0, 3),
      action_plan: triage === Triage.OUT_OF_TARGET ? null : this.random.pick(ACTION_PLANS),
      updated_at: isoInstant(heldAt),
    });
    if (triage === Triage.OUT_OF_TARGET) return;

    let day = heldDay;
    if (this.random.chance(0.07)) {
      const resumed = this.holdAndResume(day);
      if (resumed === null) return;
      day = resumed;
    }
    this.finish(this.path(this.route(triage), day));
  }

  private triage(): Triage {
    return this.random.weighted<Triage>([
      [Triage.OUT_OF_TARGET, 7],
      [Triage.NEEDS_TRAINING, this.person.needsItalian ? 75 : 30],
      [Triage.READY_FOR_PLACEMENT, this.person.needsItalian ? 18 : 63],
    ]);
  }

  private route(triage: Triage): Route {
    if (triage === Triage.NEEDS_TRAINING) return this.random.chance(0.85) ? 'training' : 'search';
    const grantEligible =
      this.person.ageAtEntry >= 23 && this.person.ageAtEntry <= 60 && !this.person.needsItalian;
    return this.random.weighted<Route>([
      ['search', 70],
      ['internship', 18],
      ['grant', grantEligible ? 7 : 0],
      ['training', 5],
    ]);
  }

  private path(route: Route, day: Day): Step {
    if (route === 'grant') return this.grant(day);
    let step: Step = { kind: 'continue', day };
    let next: Route = route;
    if (next === 'training') {
      const trained = this.training(day);
      if (trained === null) return STOPPED;
      if (trained.dropped && this.random.chance(0.5)) return { kind: 'gave_up', day: trained.day };
      step = { kind: 'continue', day: trained.day };
      next = trained.enrolled && this.random.chance(0.15) ? 'internship' : 'search';
    }
    if (next === 'internship') {
      step = this.internship(step.day);
      if (step.kind !== 'continue') return step;
    }
    return this.search(step.day);
  }

  /** A path that ended without work: the case is closed some months later, unless the history ends first. */
  private finish(step: Step): void {
    if (step.kind !== 'gave_up') return;
    if (!this.random.chance(0.88)) return;
    const reason = this.random.weighted<ManualCloseReason>([
      [ManualCloseReason.DROPPED_OUT, 55],
      [ManualCloseReason.MOVED_AWAY, 15],
      [ManualCloseReason.OTHER, 30],
    ]);
    this.close(step.day + this.random.int(45, 240), reason);
  }

  private close(day: Day, reason: ManualCloseReason): void {
    const at = this.at(day);
    if (this.within(at)) this.journey.record(CaseEventType.CLOSE, at, { reason }, this.counsellorId);
  }

  /** A pause (illness, maternity, a trip home); null when the history ends before the case resumes. */
  private holdAndResume(day: Day): Day | null {
    const holdAt = this.at(day + this.random.int(10, 45));
    if (!this.within(holdAt)) return null;
    const held = this.journey.record(
      CaseEventType.HOLD,
      holdAt,
      { reason: this.random.pick(HOLD_REASONS) },
      this.counsellorId,
    );
    const resumeDay = workday(dayOf(isoInstant(held).slice(0, 10)) + this.random.int(30, 120));
    const resumeAt = this.at(resumeDay);
    if (!this.within(resumeAt)) return null;
    this.journey.record(CaseEventType.RESUME, resumeAt, {}, this.counsellorId);
    return resumeDay;
  }

  /** Null when the history ends during the course. */
  private training(day: Day): { day: Day; dropped: boolean; enrolled: boolean } | null {
    const edition = this.ctx.courses.pick(this.person.needsItalian, day + 5, day + 60);
    if (!edition) return { day, dropped: false, enrolled: false };
    // Enrolled soon after the interview, in the next edition with a seat (which may start weeks later).
    const enrollDay = workday(Math.min(edition.starts - 1, day + this.random.int(1, 10)));
    const enrollAt = this.at(enrollDay);
    if (!this.within(enrollAt)) {
      edition.seatsTaken--;
      return null;
    }
    const id = this.random.uuid();
    const enrolled = isoInstant(
      this.journey.record(
        CaseEventType.ENROLLMENT_CREATED,
        enrollAt,
        { enrollmentId: id, courseId: edition.row.id },
        this.counsellorId,
      ),
    );
    const enrollment: EnrollmentRow = {
      id,
      course_id: edition.row.id,
      case_id: this.caseRow.id,
      status: 'active',
      qualification: null,
      enrolled_at: enrolled,
      ended_at: null,
      created_by_id: this.counsellorId,
      created_at: enrolled,
      updated_at: enrolled,
    };
    this.ctx.rows.enrollments.push(enrollment);
    if (edition.ends > this.ctx.asOf) return null;
    const dropped = this.random.chance(0.14);
    const endDay = dropped
      ? workday(edition.starts + this.random.int(0, Math.max(0, edition.ends - edition.starts - 1)))
      : edition.ends;
    const qualification =
      !dropped && edition.profile.qualification && this.random.chance(0.9)
        ? edition.profile.qualification
        : null;
    const status = dropped ? 'dropped' : 'completed';
    const ended = isoInstant(
      this.journey.record(
        CaseEventType.ENROLLMENT_ENDED,
        dropped ? this.at(endDay) : instant(endDay, OFFICE_CLOSES),
        { enrollmentId: id, enrollmentStatus: status, otherActiveEnrollments: 0, qualification },
        this.counsellorId,
      ),
    );
    Object.assign(enrollment, { status, qualification, ended_at: ended, updated_at: ended });
    return { day: endDay, dropped, enrolled: true };
  }

  private internship(day: Day): Step {
    const random = this.random;
    const person = {
      disability: this.person.row.disability,
      vulnerabilities: this.person.row.vulnerabilities,
      employmentStatus: this.person.row.employment_status,
    };
    const starts = workday(day + random.int(10, 35));
    const monthlyAllowanceCents = (450 + 50 * random.int(0, 3)) * 100;
    let months = random.weighted(INTERNSHIP_MONTHS[personCategory(person)]);
    const termsOf = (length: number) => ({
      startsOn: isoOf(starts),
      endsOn: lastDayAfterMonths(isoOf(starts), length),
      monthlyAllowanceCents,
      person,
    });
    if (checkTerms(termsOf(months), EMILIA_ROMAGNA_INTERNSHIP_RULES)) months = 3;
    const terms = termsOf(months);
    const ends = dayOf(terms.endsOn);
    const recordAt = this.at(Math.max(day + 1, starts - random.int(1, 7)));
    if (!this.within(recordAt)) return STOPPED;
    const host = this.host(starts, terms.startsOn, terms.endsOn);
    if (!host) return { kind: 'continue', day };

    const id = random.uuid();
    const created = isoInstant(
      this.journey.record(
        CaseEventType.INTERNSHIP_STARTED,
        recordAt,
        { internshipId: id, companyId: host.row.id },
        this.counsellorId,
      ),
    );
    const internship: InternshipRow = {
      id,
      case_id: this.caseRow.id,
      company_id: host.row.id,
      opening_id: null,
      starts_on: terms.startsOn,
      ends_on: terms.endsOn,
      monthly_allowance_cents: monthlyAllowanceCents,
      tutor_name: random.faker.person.fullName(),
      status: 'active',
      outcome: null,
      ended_at: null,
      created_by_id: this.counsellorId,
      created_at: created,
      updated_at: created,
    };
    this.ctx.rows.internships.push(internship);
    if (ends > this.ctx.asOf) return STOPPED;

    const end = (
      status: InternshipRow['status'],
      at: number,
      outcome: string,
      endedWithPlacement: boolean,
    ) => {
      if (!this.within(at)) return false;
      const ended = isoInstant(
        this.journey.record(
          CaseEventType.INTERNSHIP_ENDED,
          at,
          { internshipId: id, internshipStatus: status, endedWithPlacement },
          this.counsellorId,
        ),
      );
      Object.assign(internship, { status, outcome, ended_at: ended, updated_at: ended });
      return true;
    };
    if (random.chance(0.15)) {
      const endDay = Math.min(ends, workday(starts + random.int(15, Math.max(16, ends - starts - 10))));
      if (!end('interrupted', this.at(endDay), random.pick(INTERNSHIP_OUTCOMES.interrupted), false))
        return STOPPED;
      return { kind: 'continue', day: endDay };
    }
    if (!this.willBePlaced || !random.chance(0.6)) {
      end('completed', instant(ends, OFFICE_CLOSES), random.pick(INTERNSHIP_OUTCOMES.completed), false);
      return { kind: 'continue', day: ends };
    }
    // Hired by the host: the contract is recorded before the internship is closed as ending in a hire.
    const contract: ContractChoice =
      this.person.ageAtEntry < 30 && random.chance(0.5)
        ? 'apprenticeship'
        : random.weighted<ContractChoice>([
            ['fixed_term', 55],
            ['permanent', 30],
            ['other', 15],
          ]);
    const hire: NewPlacement = {
      at: instant(ends, 11 * 60),
      companyId: host.row.id,
      openingId: null,
      contract,
      source: 'direct',
      sourceId: null,
      starts: ends + 1,
    };
    const recorded = this.recordPlacement(hire);
    end('completed', instant(ends, OFFICE_CLOSES), random.pick(INTERNSHIP_OUTCOMES.hired), true);
    this.runInOrder(this.followOn(recorded, hire));
    return PLACED;
  }

  /** A Board company that may host one more intern over the period (regional quota by head count). */
  private host(starts: Day, startsOn: string, endsOn: string): Company | null {
    const members = this.ctx.companies.filter((company) => company.since <= starts - 7);
    for (let attempt = 0; attempt < 12 && members.length; attempt++) {
      const company = this.random.weighted(
        members.map((candidate) => [candidate, Math.sqrt(candidate.row.employees)] as const),
      );
      const hosted = this.ctx.internshipsByCompany.get(company.row.id) ?? [];
      const period = { startsOn, endsOn };
      if (!checkHostQuota(company.row.employees, hosted, period, EMILIA_ROMAGNA_INTERNSHIP_RULES)) {
        hosted.push(period);
        this.ctx.internshipsByCompany.set(company.row.id, hosted);
        return company;
      }
    }
    return null;
  }

  private search(day: Day): Step {
    const random = this.random;
    let next = day + random.int(2, 10);
    const rejections = random.weighted(
      this.willBePlaced
        ? [
            [0, 55],
            [1, 30],
            [2, 10],
            [3, 5],
          ]
        : [
            [0, 30],
            [1, 35],
            [2, 20],
            [3, 15],
          ],
    );
    for (let n = 0; n < rejections; n++) {
      const decided = this.proposeAndReject(next);
      if (decided === null) return STOPPED;
      next = decided + random.int(2, 12);
    }
    if (!this.willBePlaced) return { kind: 'gave_up', day: next };
    if (random.chance(0.65)) {
      const hired = this.proposeAndHire(next);
      if (hired) return hired;
    }
    return this.directPlacement(next + random.int(3, 30));
  }

  /** A proposal that does not end in a hire; the day it was decided, or null if still pending at the end. */
  private proposeAndReject(day: Day): Day | null {
    const at = this.at(day);
    if (!this.within(at)) return null;
    const opening = this.ctx.board.pickFor(this.caseRow.id, workday(day), this.person.row.skills);
    if (!opening) return day;
    const proposal = this.propose(opening, at);
    const decisionDay = workday(day + this.random.int(5, 20));
    const decidedAt = this.at(decisionDay);
    if (!this.within(decidedAt)) {
      proposal.status = day + 7 <= this.ctx.asOf && this.random.chance(0.5) ? 'interviewing' : 'proposed';
      return null;
    }
    Object.assign(proposal, {
      status: 'rejected',
      feedback: this.random.pick(REJECTION_FEEDBACK),
      updated_at: isoInstant(decidedAt),
    });
    return decisionDay;
  }

  private propose(opening: Opening, at: number): ProposalRow {
    const id = this.random.uuid();
    const created = isoInstant(
      this.journey.record(
        CaseEventType.PROPOSAL_CREATED,
        at,
        { proposalId: id, openingId: opening.row.id },
        this.counsellorId,
      ),
    );
    this.ctx.board.propose(opening, this.caseRow.id, dayOf(created.slice(0, 10)));
    const proposal: ProposalRow = {
      id,
      opening_id: opening.row.id,
      case_id: this.caseRow.id,
      note: this.random.pick(PROPOSAL_NOTES),
      status: 'proposed',
      feedback: null,
      placement_id: null,
      proposed_by_id: this.counsellorId,
      created_at: created,
      updated_at: created,
    };
    this.ctx.rows.proposals.push(proposal);
    return proposal;
  }

  /** Null when no opening can take the hire (the counsellor then finds work another way). */
  private proposeAndHire(day: Day): Step | null {
    const at = this.at(day);
    if (!this.within(at)) return STOPPED;
    const hireDay = workday(day + this.random.int(4, 15));
    for (let attempt = 0; attempt < 3; attempt++) {
      const opening = this.ctx.board.pickFor(this.caseRow.id, workday(day), this.person.row.skills);
      if (!opening) return null;
      if (!this.ctx.board.canHire(opening, hireDay)) continue;
      const proposal = this.propose(opening, at);
      const hiredAt = this.at(hireDay);
      if (!this.within(hiredAt)) {
        proposal.status = 'interviewing';
        return STOPPED;
      }
      this.ctx.board.hire(opening, hireDay);
      const hire: NewPlacement = {
        at: hiredAt,
        companyId: opening.company.row.id,
        openingId: opening.row.id,
        contract: opening.row.contract_type,
        source: 'proposal',
        sourceId: proposal.id,
        starts: hireDay + this.random.int(3, 15),
      };
      const recorded = this.recordPlacement(hire);
      Object.assign(proposal, {
        status: 'hired',
        feedback: this.random.pick(HIRE_FEEDBACK),
        placement_id: hire.id,
        updated_at: isoInstant(recorded),
      });
      this.runInOrder(this.followOn(recorded, hire));
      return PLACED;
    }
    return null;
  }

  /** Work found with a Board company outside the openings: the counsellor records the contract. */
  private directPlacement(day: Day): Step {
    const at = this.at(day);
    if (!this.within(at)) return STOPPED;
    const members = this.ctx.companies.filter((company) => company.since <= day);
    const company = this.random.weighted(
      members.map((candidate) => [candidate, Math.pow(candidate.row.employees, 0.7)] as const),
    );
    const hire: NewPlacement = {
      at,
      companyId: company.row.id,
      openingId: null,
      contract: this.random.weighted(company.profile.contracts),
      source: 'direct',
      sourceId: null,
      starts: workday(day + this.random.int(0, 14)),
    };
    const recorded = this.recordPlacement(hire);
    this.runInOrder(this.followOn(recorded, hire));
    return PLACED;
  }

  /** Draft, submission (the case moves to self_employment), the coordinator's decision, payments, the business. */
  private grant(day: Day): Step {
    const random = this.random;
    const draftAt = this.at(day + random.int(10, 40));
    if (!this.within(draftAt)) return STOPPED;
    const idea = random.pick(BUSINESS_IDEAS);
    const drafted = isoInstant(draftAt);
    const grant: GrantRow = {
      id: random.uuid(),
      case_id: this.caseRow.id,
      funding_line_id: this.ctx.fundingLine.id,
      business_name: idea.name
        .replace('{name}', this.person.row.first_name)
        .replace('{surname}', this.person.row.last_name),
      ateco_code: idea.atecoCode,
      plan_summary: idea.plan,
      requested_cents: random.int(10, 30) * 50_000,
      approved_cents: null,
      disbursed_cents: 0,
      status: 'draft',
      submitted_at: null,
      decided_at: null,
      decided_by_id: null,
      rejection_reason: null,
      business_started_on: null,
      vat_number: null,
      placement_id: null,
      created_by_id: this.counsellorId,
      created_at: drafted,
      updated_at: drafted,
    };
    this.ctx.rows.grants.push(grant);
    const draftDay = dayOf(drafted.slice(0, 10));
    // Some drafts are never submitted: the person looks for a job instead.
    if (random.chance(0.1)) return this.search(draftDay);
    const submitAt = this.at(draftDay + random.int(7, 30));
    if (!this.within(submitAt)) return STOPPED;
    const submitted = isoInstant(
      this.journey.record(CaseEventType.GRANT_SUBMITTED, submitAt, { grantId: grant.id }, this.counsellorId),
    );
    Object.assign(grant, { status: 'submitted', submitted_at: submitted, updated_at: submitted });
    const decisionDay = workday(dayOf(submitted.slice(0, 10)) + random.int(20, 60));
    const decidedAt = this.at(decisionDay);
    if (!this.within(decidedAt)) return STOPPED;
    const decision = {
      decided_at: isoInstant(decidedAt),
      decided_by_id: this.ctx.coordinator.id,
      updated_at: isoInstant(decidedAt),
    };
    if (!random.chance(0.82)) {
      Object.assign(grant, decision, {
        status: 'rejected',
        rejection_reason: random.pick(GRANT_REJECTION_REASONS),
      });
      return this.willBePlaced && random.chance(0.5)
        ? this.directPlacement(decisionDay + random.int(30, 150))
        : { kind: 'gave_up', day: decisionDay };
    }
    const approvedCents = Math.min(
      grant.requested_cents,
      Math.round((grant.requested_cents * random.pick([1, 1, 0.9, 0.8])) / 10_000) * 10_000,
    );
    Object.assign(grant, decision, { status: 'approved', approved_cents: approvedCents });
    this.ctx.fundingLine.committed_cents += approvedCents;

    const firstTranche = Math.round(approvedCents * 0.6);
    const actions: Action[] = [
      this.disbursement(grant, firstTranche, this.at(decisionDay + random.int(10, 30))),
    ];
    const started = random.chance(0.92);
    const startDay = workday(decisionDay + random.int(20, 75));
    const startAt = this.at(startDay);
    if (started && this.within(startAt)) {
      const business: NewPlacement = {
        at: startAt,
        companyId: null,
        openingId: null,
        contract: 'self_employment',
        source: 'grant',
        sourceId: grant.id,
        starts: startDay - random.int(0, 5),
        id: random.uuid(),
      };
      actions.push({
        at: business.at,
        run: () => {
          const recorded = this.recordPlacement(business);
          Object.assign(grant, {
            placement_id: business.id,
            vat_number: this.ctx.vatNumbers.issue(),
            business_started_on: isoOf(business.starts),
            updated_at: isoInstant(recorded),
          });
        },
      });
      actions.push(...this.followOn(business.at, business));
      actions.push(
        this.disbursement(grant, approvedCents - firstTranche, this.at(startDay + random.int(60, 150))),
      );
    }
    this.runInOrder(actions);
    if (grant.placement_id) return PLACED;
    return started ? STOPPED : { kind: 'gave_up', day: decisionDay + 180 };
  }

  private disbursement(grant: GrantRow, amountCents: number, at: number): Action {
    return {
      at,
      run: () => {
        const id = this.random.uuid();
        const firstDisbursementOfGrant = grant.disbursed_cents === 0;
        const paid = this.journey.record(
          CaseEventType.GRANT_DISBURSED,
          at,
          { grantId: grant.id, disbursementId: id, amountCents, firstDisbursementOfGrant },
          this.ctx.coordinator.id,
        );
        this.ctx.rows.disbursements.push({
          id,
          grant_id: grant.id,
          amount_cents: amountCents,
          paid_on: isoInstant(paid).slice(0, 10),
          recorded_by_id: this.ctx.coordinator.id,
          created_at: isoInstant(paid),
        });
        grant.disbursed_cents += amountCents;
        this.ctx.fundingLine.disbursed_cents += amountCents;
      },
    };
  }

  /** Writes a new contract and its `placement.recorded`; returns the instant it was recorded. */
  private recordPlacement(hire: NewPlacement): number {
    hire.id ??= this.random.uuid();
    const recorded = this.journey.record(
      CaseEventType.PLACEMENT_RECORDED,
      hire.at,
      { placementId: hire.id, kind: 'new', contractType: hire.contract, companyId: hire.companyId },
      this.counsellorId,
    );
    this.pushPlacement({
      id: hire.id,
      company_id: hire.companyId,
      opening_id: hire.openingId,
      contract_type: hire.contract,
      kind: 'new',
      extends_placement_id: null,
      starts_on: isoOf(hire.starts),
      source: hire.source,
      source_id: hire.sourceId,
      recorded,
    });
    return recorded;
  }

  private pushPlacement(
    placement: Omit<
      PlacementRow,
      'case_id' | 'beneficiary_id' | 'hours_per_week' | 'created_by_id' | 'created_at' | 'updated_at'
    > & { recorded: number },
  ): void {
    const { recorded, ...columns } = placement;
    this.ctx.rows.placements.push({
      ...columns,
      case_id: this.caseRow.id,
      beneficiary_id: this.person.row.id,
      hours_per_week:
        columns.contract_type === 'self_employment' ? null : this.random.weighted(HOURS_PER_WEEK),
      created_by_id: this.counsellorId,
      created_at: isoInstant(recorded),
      updated_at: isoInstant(recorded),
    });
  }

  /**
   * What follows a new contract within its first year: renewals (extensions, or a conversion to
   * permanent) while the case is still placed, and the +3/+6/+12-month follow-ups, the last of which
   * closes the case. Renewals start before the +12-month follow-up is due, so the case is never closed
   * under them.
   */
  private followOn(recordedAt: number, hire: NewPlacement): Action[] {
    const random = this.random;
    const placementId = hire.id!;
    const startsOn = isoOf(hire.starts);
    const lastRenewalDay = dayOf(addMonths(startsOn, 12));
    const actions: Action[] = [];
    let type = hire.contract;
    let extended = placementId;
    let start = hire.starts;
    let coveredUntil = this.contractEnd(type, start);
    let previousAt = recordedAt;
    while (coveredUntil < lastRenewalDay && random.chance(RENEWAL_CHANCE[type] ?? 0)) {
      const conversion = random.chance(CONVERSION_CHANCE);
      const renewalStart = coveredUntil;
      const recordDay = workday(
        Math.max(dayOf(isoInstant(previousAt).slice(0, 10)) + 1, renewalStart - random.int(1, 10)),
      );
      // Recorded before the +12-month follow-up can fall due, which closes the case.
      if (recordDay >= lastRenewalDay) break;
      const at = this.at(recordDay);
      if (!this.within(at)) break;
      const id = random.uuid();
      const kind = conversion ? 'conversion' : 'extension';
      const contract = conversion ? 'permanent' : type;
      const extendsId = extended;
      actions.push({
        at,
        run: () => {
          const recorded = this.journey.record(
            CaseEventType.PLACEMENT_RECORDED,
            at,
            { placementId: id, kind, contractType: contract, companyId: hire.companyId },
            this.counsellorId,
          );
          this.pushPlacement({
            id,
            company_id: hire.companyId,
            opening_id: null,
            contract_type: contract,
            kind,
            extends_placement_id: extendsId,
            starts_on: isoOf(renewalStart),
            source: 'direct',
            source_id: null,
            recorded,
          });
        },
      });
      extended = id;
      type = contract;
      start = renewalStart;
      coveredUntil = this.contractEnd(type, start);
      previousAt = at;
      if (conversion) break;
    }

    for (const months of [3, 6, 12]) {
      const dueOn = addMonths(startsOn, months);
      const followUp: FollowUpRow = {
        id: random.uuid(),
        placement_id: placementId,
        case_id: this.caseRow.id,
        months_after: months,
        due_on: dueOn,
        recorded_at: null,
        employed: null,
        notes: null,
        recorded_by_id: null,
        created_at: isoInstant(recordedAt),
        updated_at: isoInstant(recordedAt),
      };
      this.ctx.rows.followUps.push(followUp);
      const due = dayOf(dueOn);
      const recentlyDue = due > this.ctx.asOf - FOLLOW_UP_RECENTLY_DUE.days;
      const recordedChance = recentlyDue ? FOLLOW_UP_RECENTLY_DUE.recorded : FOLLOW_UP_RECORDED[months];
      if (due > this.ctx.asOf || !random.chance(recordedChance)) continue;
      const at = this.at(due + random.int(0, 25));
      if (!this.within(at)) continue;
      const employed = random.chance(due < coveredUntil ? 0.95 : 0.45);
      actions.push({
        at,
        run: () => {
          const recorded = isoInstant(
            this.journey.record(
              CaseEventType.FOLLOWUP_RECORDED,
              at,
              { followUpId: followUp.id, placementId, monthsAfterPlacement: months, employed },
              this.counsellorId,
            ),
          );
          Object.assign(followUp, {
            recorded_at: recorded,
            employed,
            notes: random.pick(employed ? FOLLOW_UP_NOTES.employed : FOLLOW_UP_NOTES.unemployed),
            recorded_by_id: this.counsellorId,
            updated_at: recorded,
          });
        },
      });
    }
    return actions;
  }

  /** The first day a contract no longer covers: open-ended ones never end within the follow-up year. */
  private contractEnd(type: string, start: Day): Day {
    const lengths = CONTRACT_MONTHS[type];
    if (!lengths) return Number.POSITIVE_INFINITY;
    return dayOf(addMonths(isoOf(start), this.random.weighted(lengths)));
  }

  private runInOrder(actions: Action[]): void {
    for (const action of [...actions].sort((a, b) => a.at - b.at)) {
      if (this.within(action.at)) action.run();
    }
  }
}
