import { describe, expect, it } from '@jest/globals';
import { CaseState } from '#app/cases';
import { Availability, availabilityOf, type CandidateRow, lastNameInitial } from '../candidate-view.js';
import { ProposalStatus } from '../proposal.constant.js';
import { CandidateViewDto } from './candidate-view.dto.js';

const ALLOWED_KEYS = [
  'availability',
  'educationLevel',
  'feedback',
  'firstName',
  'id',
  'languages',
  'lastNameInitial',
  'note',
  'skills',
  'status',
];

const row: CandidateRow = {
  proposalId: '6f1c2a4e-0000-4000-8000-000000000001',
  status: ProposalStatus.INTERVIEWING,
  note: 'Reliable, five years in logistics',
  feedback: 'Good first interview',
  beneficiaryId: '6f1c2a4e-0000-4000-8000-0000000000b1',
  firstName: 'Giulia',
  lastName: 'Zanardi',
  educationLevel: 3,
  skills: ['forklift'],
  languages: ['it', 'en'],
  caseStatus: CaseState.JOB_SEARCH,
};

describe('CandidateViewDto.from', () => {
  it('holds exactly the fields a company may see', () => {
    const view = CandidateViewDto.from(row);
    expect(Object.keys(view).sort()).toEqual(ALLOWED_KEYS);
    expect(view).toEqual({
      id: row.proposalId,
      status: ProposalStatus.INTERVIEWING,
      firstName: 'Giulia',
      lastNameInitial: 'Z.',
      educationLevel: 3,
      skills: ['forklift'],
      languages: ['it', 'en'],
      availability: Availability.IMMEDIATE,
      note: 'Reliable, five years in logistics',
      feedback: 'Good first interview',
    });
  });

  it('drops personal fields even when the row carries them', () => {
    const wider = {
      ...row,
      fiscalCode: 'ZNRGLI90A41A944X',
      birthDate: '1990-01-01',
      email: 'giulia@example.org',
      phone: '+39 333 0000000',
      municipality: 'Casalecchio di Reno',
      disability: true,
      vulnerabilities: ['homeless'],
      caseId: '6f1c2a4e-0000-4000-8000-0000000000c1',
      notes: 'case notes',
    } as CandidateRow;
    const view = CandidateViewDto.from(wider);
    expect(Object.keys(view).sort()).toEqual(ALLOWED_KEYS);
    const json = JSON.stringify(view);
    for (const secret of [
      'ZNRGLI90A41A944X',
      '1990-01-01',
      'giulia@example.org',
      '333 0000000',
      'Casalecchio',
      'homeless',
      'Zanardi',
      row.beneficiaryId,
      '0000000000c1',
      'case notes',
    ]) {
      expect(json).not.toContain(secret);
    }
  });

  it('copies the arrays, so the view never shares state with the row', () => {
    const view = CandidateViewDto.from(row);
    expect(view.skills).not.toBe(row.skills);
    expect(view.languages).not.toBe(row.languages);
  });
});

describe('lastNameInitial', () => {
  it.each([
    ['Rossi', 'R.'],
    ['de Luca', 'D.'],
    ["  D'Angelo ", 'D.'],
    ['Çelik', 'Ç.'],
    ['', ''],
  ])('turns %p into %p', (lastName, initial) => {
    expect(lastNameInitial(lastName)).toBe(initial);
  });
});

describe('availabilityOf', () => {
  it.each([
    [CaseState.INTAKE, Availability.IMMEDIATE],
    [CaseState.ORIENTATION, Availability.IMMEDIATE],
    [CaseState.JOB_SEARCH, Availability.IMMEDIATE],
    [CaseState.TRAINING, Availability.AFTER_CURRENT_ACTIVITY],
    [CaseState.INTERNSHIP, Availability.AFTER_CURRENT_ACTIVITY],
    [CaseState.SELF_EMPLOYMENT, Availability.AFTER_CURRENT_ACTIVITY],
    [CaseState.PLACED, Availability.NOT_AVAILABLE],
    [CaseState.ON_HOLD, Availability.NOT_AVAILABLE],
    [CaseState.CLOSED, Availability.NOT_AVAILABLE],
  ])('a case in %s means %s', (state, availability) => {
    expect(availabilityOf(state)).toBe(availability);
  });
});
