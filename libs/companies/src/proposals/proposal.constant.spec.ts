import { describe, expect, it } from '@jest/globals';
import { canMoveProposal, ProposalStatus } from './proposal.constant.js';

const ALL = Object.values(ProposalStatus);
const ALLOWED = new Set([
  'proposed->interviewing',
  'proposed->hired',
  'proposed->rejected',
  'interviewing->hired',
  'interviewing->rejected',
]);

describe('canMoveProposal', () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))('%s -> %s', (from, to) => {
    expect(canMoveProposal(from, to)).toBe(ALLOWED.has(`${from}->${to}`));
  });
});
