import { beforeAll, describe, expect, it } from '@jest/globals';
import { checkFiscalCodeAgainst } from '#app/beneficiaries';
import {
  applyMove,
  CaseEventType,
  type CaseSnapshot,
  CaseState,
  nextMove,
  toWorkflowEvent,
} from '#app/cases';
import { ATECO_CODE, isValidVatNumber } from '#app/core';
import {
  checkHostQuota,
  checkTerms,
  EMILIA_ROMAGNA_INTERNSHIP_RULES,
  hostQuota,
  peakConcurrentInterns,
} from '#app/internships';
import { addMonths } from '#app/placements';
import { ageOn, dayOf } from './calendar.js';
import { buildDemoWorld, DEMO_FUNDING_LINE, type DemoWorld, type DemoWorldOptions } from './world.js';

const AS_OF = '2026-11-20';
const HORIZON = `${AS_OF}T17:00:00.000Z`;

function staff(count: number, offset: number) {
  return Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(offset + index).padStart(12, '0')}`,
    fullName: `Staff ${offset + index}`,
  }));
}

function options(size: number, seed: number): DemoWorldOptions {
  return { size, seed, asOf: AS_OF, counsellors: staff(15, 0), coordinators: staff(2, 100) };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function share(part: number, whole: number): number {
  return part / whole;
}

/** The events that must move the case when the API writes them (the API refuses them otherwise). */
const MUST_MOVE = new Set<string>([
  CaseEventType.INTERVIEW_HELD,
  CaseEventType.ENROLLMENT_CREATED,
  CaseEventType.INTERNSHIP_STARTED,
  CaseEventType.GRANT_SUBMITTED,
  CaseEventType.HOLD,
  CaseEventType.RESUME,
  CaseEventType.CLOSE,
]);

describe('the generated demo world', () => {
  let world: DemoWorld;

  beforeAll(() => {
    world = buildDemoWorld(options(400, 7));
  });

  it('holds every kind of history, so the checks below have something to check', () => {
    const { rows } = world;
    const sizes = {
      interviews: rows.interviews.length,
      enrollments: rows.enrollments.length,
      internships: rows.internships.length,
      proposals: rows.proposals.length,
      placements: rows.placements.length,
      renewals: rows.placements.filter((placement) => placement.kind !== 'new').length,
      followUps: rows.followUps.filter((followUp) => followUp.recorded_at).length,
      grants: rows.grants.length,
      disbursements: rows.disbursements.length,
    };
    for (const [kind, count] of Object.entries(sizes)) expect([kind, count > 0]).toEqual([kind, true]);
  });

  it('is the same for the same seed and differs for another', () => {
    const again = buildDemoWorld(options(400, 7));
    expect(JSON.stringify(again.beneficiaries)).toBe(JSON.stringify(world.beneficiaries));
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(world.events));
    const other = buildDemoWorld(options(400, 8));
    expect(other.beneficiaries.map((person) => person.fiscal_code)).not.toEqual(
      world.beneficiaries.map((person) => person.fiscal_code),
    );
  });

  it('gives everyone a unique fiscal code that agrees with birth date and gender', () => {
    const codes = world.beneficiaries.map((person) => person.fiscal_code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const person of world.beneficiaries) {
      expect([
        person.fiscal_code,
        checkFiscalCodeAgainst(person.fiscal_code, { birthDate: person.birth_date, gender: person.gender }),
      ]).toEqual([person.fiscal_code, []]);
    }
  });

  it('registers people with consent before their case opens, adults at entry', () => {
    const caseOf = new Map(world.cases.map((row) => [row.beneficiary_id, row]));
    for (const person of world.beneficiaries) {
      const opened = caseOf.get(person.id)!.opened_at;
      expect(person.privacy_consent_at <= opened).toBe(true);
      expect(ageOn(dayOf(person.birth_date), dayOf(opened.slice(0, 10)))).toBeGreaterThanOrEqual(18);
    }
  });

  it('has Board companies with valid VAT numbers, ATECO codes and head counts', () => {
    const vatNumbers = world.companies.map((company) => company.vat_number);
    expect(new Set(vatNumbers).size).toBe(vatNumbers.length);
    for (const company of world.companies) {
      expect([company.vat_number, isValidVatNumber(company.vat_number)]).toEqual([company.vat_number, true]);
      expect(company.ateco_code).toMatch(ATECO_CODE);
      expect(company.employees).toBeGreaterThanOrEqual(3);
      expect(company.employees).toBeLessThanOrEqual(800);
    }
    expect(world.companies.length).toBeGreaterThanOrEqual(100);
  });

  it('writes each case history in order, within the history, as moves the state machine allows', () => {
    for (const [caseId, events] of groupBy(world.events, (event) => event.case_id)) {
      expect([caseId, events[0].type]).toEqual([caseId, CaseEventType.CASE_OPENED]);
      let snapshot: CaseSnapshot = { state: CaseState.INTAKE, stateBeforeHold: null };
      let previous = '';
      for (const event of events) {
        expect(event.occurred_at > previous).toBe(true);
        expect(event.occurred_at <= HORIZON).toBe(true);
        previous = event.occurred_at;
        const move = nextMove(snapshot, toWorkflowEvent(event.type, event.payload));
        const renewal = event.type === CaseEventType.PLACEMENT_RECORDED && event.payload.kind !== 'new';
        if (MUST_MOVE.has(event.type) || (event.type === CaseEventType.PLACEMENT_RECORDED && !renewal)) {
          expect([event.type, snapshot.state, move === null]).toEqual([event.type, snapshot.state, false]);
        }
        if (renewal) expect(snapshot.state).toBe(CaseState.PLACED);
        if (move) snapshot = applyMove(snapshot, move);
      }
    }
    const ords = world.events.map((event) => event.ord);
    expect(ords).toEqual([...ords].sort((a, b) => a - b));
  });

  it('keeps internships within the regional rules: terms by person, host quota by head count', () => {
    const personOf = new Map(world.beneficiaries.map((person) => [person.id, person]));
    const beneficiaryOf = new Map(world.cases.map((row) => [row.id, row.beneficiary_id]));
    const employeesOf = new Map(world.companies.map((company) => [company.id, company.employees]));
    for (const internship of world.rows.internships) {
      const person = personOf.get(beneficiaryOf.get(internship.case_id)!)!;
      const refusal = checkTerms(
        {
          startsOn: internship.starts_on,
          endsOn: internship.ends_on,
          monthlyAllowanceCents: internship.monthly_allowance_cents,
          person: {
            disability: person.disability,
            vulnerabilities: person.vulnerabilities,
            employmentStatus: person.employment_status,
          },
        },
        EMILIA_ROMAGNA_INTERNSHIP_RULES,
      );
      expect(refusal).toBeNull();
    }
    for (const [companyId, hosted] of groupBy(
      world.rows.internships,
      (internship) => internship.company_id,
    )) {
      const employees = employeesOf.get(companyId)!;
      for (const internship of hosted) {
        const others = hosted
          .filter((other) => other !== internship)
          .map((other) => ({ startsOn: other.starts_on, endsOn: other.ends_on }));
        const period = { startsOn: internship.starts_on, endsOn: internship.ends_on };
        expect(peakConcurrentInterns(others, period) + 1).toBeLessThanOrEqual(
          hostQuota(employees, EMILIA_ROMAGNA_INTERNSHIP_RULES),
        );
        expect(checkHostQuota(employees, others, period, EMILIA_ROMAGNA_INTERNSHIP_RULES)).toBeNull();
      }
    }
  });

  it('never proposes to a filled opening, nor hires past its positions', () => {
    const proposalsOf = groupBy(world.rows.proposals, (proposal) => proposal.opening_id);
    for (const opening of world.openings) {
      const proposals = proposalsOf.get(opening.id) ?? [];
      const hires = proposals.filter((proposal) => proposal.status === 'hired');
      expect(opening.hires).toBe(hires.length);
      expect(opening.hires).toBeLessThanOrEqual(opening.positions);
      expect(opening.status === 'filled').toBe(opening.hires === opening.positions);
      expect(opening.skills).toEqual(opening.skills.map((skill) => skill.toLowerCase()));
      for (const proposal of proposals) {
        const day = proposal.created_at.slice(0, 10);
        const hiredBefore = hires.filter(
          (hire) => hire !== proposal && hire.updated_at.slice(0, 10) <= day,
        ).length;
        expect(hiredBefore).toBeLessThan(opening.positions);
        expect(day <= opening.closes_on).toBe(true);
      }
    }
  });

  it('fills no course past its capacity and enrolls before the course starts', () => {
    const courseOf = new Map(world.courses.map((course) => [course.id, course]));
    for (const [courseId, enrollments] of groupBy(
      world.rows.enrollments,
      (enrollment) => enrollment.course_id,
    )) {
      const course = courseOf.get(courseId)!;
      expect(enrollments.length).toBeLessThanOrEqual(course.capacity);
      for (const enrollment of enrollments)
        expect(enrollment.enrolled_at.slice(0, 10) <= course.starts_on).toBe(true);
    }
  });

  it('records contracts as the ledger expects: one new per case, renewals of an earlier contract, sources that point back', () => {
    const placements = world.rows.placements;
    const byId = new Map(placements.map((placement) => [placement.id, placement]));
    const proposals = new Map(world.rows.proposals.map((proposal) => [proposal.id, proposal]));
    const grants = new Map(world.rows.grants.map((grant) => [grant.id, grant]));
    for (const [, contracts] of groupBy(placements, (placement) => placement.case_id)) {
      expect(contracts.filter((contract) => contract.kind === 'new')).toHaveLength(1);
    }
    for (const placement of placements) {
      if (placement.kind === 'new') {
        expect(placement.extends_placement_id).toBeNull();
      } else {
        const extended = byId.get(placement.extends_placement_id!)!;
        expect(extended.case_id).toBe(placement.case_id);
        expect(extended.created_at < placement.created_at).toBe(true);
      }
      if (placement.source === 'proposal')
        expect(proposals.get(placement.source_id!)?.placement_id).toBe(placement.id);
      if (placement.source === 'grant') {
        const grant = grants.get(placement.source_id!)!;
        expect([grant.status, grant.placement_id, isValidVatNumber(grant.vat_number)]).toEqual([
          'approved',
          placement.id,
          true,
        ]);
      }
      expect(placement.contract_type === 'self_employment').toBe(placement.company_id === null);
    }
  });

  it('schedules the +3/+6/+12-month follow-ups of each new contract and records them once due', () => {
    const newContracts = world.rows.placements.filter((placement) => placement.kind === 'new');
    const followUpsOf = groupBy(world.rows.followUps, (followUp) => followUp.placement_id);
    for (const placement of newContracts) {
      const followUps = followUpsOf.get(placement.id) ?? [];
      expect(followUps.map((followUp) => [followUp.months_after, followUp.due_on])).toEqual(
        [3, 6, 12].map((months) => [months, addMonths(placement.starts_on, months)]),
      );
      for (const followUp of followUps.filter((candidate) => candidate.recorded_at)) {
        expect(followUp.recorded_at!.slice(0, 10) >= followUp.due_on).toBe(true);
      }
    }
  });

  it('keeps the funding line and each grant within their money', () => {
    const line = world.fundingLine;
    const approved = world.rows.grants.reduce((sum, grant) => sum + (grant.approved_cents ?? 0), 0);
    const paid = world.rows.disbursements.reduce((sum, payment) => sum + payment.amount_cents, 0);
    expect([line.code, line.fund, line.cup, line.programmed_cents]).toEqual([
      DEMO_FUNDING_LINE.code,
      'FSE+',
      'F31D23000140007',
      400_000_000,
    ]);
    expect(line.committed_cents).toBe(approved);
    expect(line.disbursed_cents).toBe(paid);
    expect(paid).toBeLessThanOrEqual(approved);
    for (const grant of world.rows.grants)
      expect(grant.disbursed_cents).toBeLessThanOrEqual(grant.approved_cents ?? 0);
  });
});

describe('the full-size demo world', () => {
  let world: DemoWorld;

  beforeAll(() => {
    world = buildDemoWorld(options(3000, 1));
  });

  it('has the programme’s published shape', () => {
    const people = world.beneficiaries;
    const openedOf = new Map(world.cases.map((row) => [row.beneficiary_id, row.opened_at.slice(0, 10)]));
    const over50 = people.filter(
      (person) => ageOn(dayOf(person.birth_date), dayOf(openedOf.get(person.id)!)) >= 50,
    );
    const foreign = people.filter((person) => person.citizenship !== 'IT');
    const mainReferrals = ['parish', 'caritas', 'social_services', 'web', 'word_of_mouth'];
    const referred = people.filter((person) => mainReferrals.includes(person.referral_source));
    const unemployed = people.filter((person) => person.employment_status.endsWith('unemployed'));
    const interviewed = world.rows.interviews.filter((interview) => interview.held_at);
    expect(share(over50.length, people.length)).toBeGreaterThan(0.36);
    expect(share(over50.length, people.length)).toBeLessThan(0.44);
    expect(share(foreign.length, people.length)).toBeGreaterThan(0.29);
    expect(share(foreign.length, people.length)).toBeLessThan(0.37);
    expect(new Set(foreign.map((person) => person.citizenship)).size).toBeGreaterThanOrEqual(10);
    expect(share(referred.length, people.length)).toBeGreaterThan(0.85);
    expect(share(unemployed.length, people.length)).toBeGreaterThan(0.7);
    expect(share(interviewed.length, people.length)).toBeGreaterThan(0.88);
  });

  it('places about one person in four, with about 0.8 further contracts each, past 1000 contracts', () => {
    const contracts = world.rows.placements;
    const peoplePlaced = new Set(contracts.map((contract) => contract.beneficiary_id)).size;
    expect(share(peoplePlaced, world.beneficiaries.length)).toBeGreaterThan(0.22);
    expect(share(peoplePlaced, world.beneficiaries.length)).toBeLessThan(0.31);
    expect((contracts.length - peoplePlaced) / peoplePlaced).toBeGreaterThan(0.6);
    expect((contracts.length - peoplePlaced) / peoplePlaced).toBeLessThan(1);
    expect(contracts.length).toBeGreaterThan(1000);
  });

  it('spreads the Board over the sectors of the programme', () => {
    const divisions = new Set(world.companies.map((company) => Number(company.ateco_code.slice(0, 2))));
    const has = (...codes: number[]) => codes.some((code) => divisions.has(code));
    expect([
      has(52),
      has(47),
      has(10, 56),
      has(81),
      has(41, 42, 43),
      has(87, 88),
      has(25, 26, 27, 28),
    ]).toEqual(Array(7).fill(true));
  });
});
